/**
 * The batch window's stylesheet (added to the status page's): outcome colours for the bars, each kind
 * also told apart without colour (failures outlined, running dashed, incomplete hatched by opacity) and
 * named in every bar's title and the legend.
 */
export const timelineStyles = `
:root{--bw-ok:#32a467;--bw-ops:#f79009;--bw-fail:#d92d20;--bw-inc:#98a2b3;--bw-run:#2e90fa;--bw-grid:#eaecf0;--bw-day:#98a2b3}
@media (prefers-color-scheme:dark){:root{--bw-ok:#47cd89;--bw-ops:#fdb022;--bw-fail:#f97066;--bw-inc:#667085;--bw-run:#53b1fd;--bw-grid:#1f242f;--bw-day:#475467}}
.bw-legend{display:flex;flex-wrap:wrap;gap:.3em 1.2em;list-style:none;padding:0;margin:.6em 0;font-size:.9em}
.bw-legend li{display:flex;align-items:center;gap:.35em}
.bw-swatch{width:20px;height:14px}
.bw-group{margin:.4em 0 .8em}.bw-group>summary{cursor:pointer;font-weight:600;padding:.25em 0}
.bw-group.attention>summary{color:var(--bad)}
.bw-head,.bw-row{display:grid;grid-template-columns:minmax(10em,18em) 1fr;align-items:center;column-gap:.6em}
.bw-row{border-bottom:1px solid var(--line);min-height:28px}
.bw-row.failing{background:var(--bad-bg);box-shadow:inset 4px 0 0 var(--bad)}
.bw-name{overflow:hidden;text-overflow:ellipsis;padding:.15em .4em;font-size:.9em}
.bw-name code{font-weight:600}
.bw-strip{display:block;width:100%;height:24px}
.bw-axis{display:block;overflow:visible}
.bw-axis text{font-size:11px;fill:var(--muted);text-anchor:middle}.bw-axis text.bw-day{font-weight:700;fill:var(--fg)}
.bw-axis text.bw-now-label{fill:var(--run);font-weight:700}
.bw-hour{stroke:var(--bw-grid);stroke-width:1;vector-effect:non-scaling-stroke}
.bw-midnight{stroke:var(--bw-day);stroke-width:1;vector-effect:non-scaling-stroke}
.bw-run{stroke-width:1;vector-effect:non-scaling-stroke}
.bw-run.k-succeeded{fill:var(--bw-ok)}
.bw-run.k-failed_ops{fill:var(--bw-ops);stroke:var(--fg)}
.bw-run.k-internal_failure{fill:var(--bw-fail);stroke:var(--fg)}
.bw-run.k-incomplete{fill:var(--bw-inc);fill-opacity:.6;stroke:var(--fg);stroke-dasharray:2 2}
.bw-run.k-running{fill:var(--bw-run);stroke:var(--fg);stroke-dasharray:3 2}
.bw-forecast{fill:var(--bw-run);fill-opacity:.25;stroke:var(--bw-run);stroke-dasharray:2 2;vector-effect:non-scaling-stroke}
.bw-fire{stroke:var(--fg);stroke-width:1.5;vector-effect:non-scaling-stroke}
.bw-next{stroke:var(--run);stroke-width:2;vector-effect:non-scaling-stroke}
.bw-deadline{stroke-width:2;vector-effect:non-scaling-stroke}.bw-deadline.ok{stroke:var(--note)}.bw-deadline.missed,.bw-deadline.at-risk{stroke:var(--bad);stroke-width:3}
.bw-late{stroke:var(--bad);stroke-width:3;stroke-dasharray:3 2;vector-effect:non-scaling-stroke}
.bw-now{stroke:var(--run);stroke-width:2;vector-effect:non-scaling-stroke}
.bw-more{color:var(--bad)}.bw-quiet{line-height:1.9}.bw-quiet a{margin-right:.6em}
`;

/** The page's inline stylesheet: no external assets. Failing things also carry a text marker, not colour alone. */
export const styles = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#667085;--line:#d0d5dd;--bg:#fff;--head:#f2f4f7;--bad:#b42318;--bad-bg:#fde8e7;--ok:#067647;--ok-bg:#e3f7ec;--run:#175cd3;--run-bg:#e4edfd;--note:#93370d;--note-bg:#fef0c7}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#98a2b3;--line:#344054;--bg:#0c111d;--head:#161b26;--bad:#fda29b;--bad-bg:#3b1412;--ok:#75e0a7;--ok-bg:#0b2b1c;--run:#84adff;--run-bg:#102a56;--note:#fec84b;--note-bg:#3a2a06}}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:0 1.2em 2em;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4em 1.2em;border-bottom:1px solid var(--line);padding:.8em 0}
h1{font-size:1.3em;margin:0}h2{font-size:1.1em;margin:1.4em 0 .5em}
nav a{margin-right:.8em}
a{color:var(--run)}
.muted,.iso,.none{color:var(--muted)}
.iso{display:block;font-size:.8em;white-space:nowrap}
form#filters{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:center;margin:.8em 0;position:sticky;top:0;background:var(--bg);padding:.5em 0;z-index:1;border-bottom:1px solid var(--line)}
form#filters input[type=search]{min-width:16em}
#refresh-status{color:var(--muted)}#refresh-status.error{color:var(--bad);font-weight:bold}
table{border-collapse:collapse;width:100%;margin:.3em 0 1em}
th,td{border-bottom:1px solid var(--line);padding:.35em .55em;text-align:left;vertical-align:top}
th{background:var(--head);white-space:nowrap;font-weight:600}th a{color:inherit;text-decoration:none}th a:hover{text-decoration:underline}
td.num,th.num{text-align:right}
tr.failing{background:var(--bad-bg);box-shadow:inset 4px 0 0 var(--bad)}
.marker{color:var(--bad);white-space:nowrap}
.bad{color:var(--bad)}
.badge{display:inline-block;padding:0 .5em;border-radius:.8em;font-size:.85em;font-weight:600;white-space:nowrap;border:1px solid currentColor}
.state-running.badge,.health-pending.badge{color:var(--run);background:var(--run-bg)}
.state-completed.badge,.health-up.badge{color:var(--ok);background:var(--ok-bg)}
.state-failed.badge,.health-down.badge{color:var(--bad);background:var(--bad-bg)}
.state-never_run.badge,.state-unknown.badge{color:var(--muted)}
.flag{display:inline-block;font-size:.85em;padding:0 .4em;border-radius:.3em;margin:.1em 0;white-space:nowrap}
.flag.bad{color:var(--bad);border:1px solid var(--bad);font-weight:600}
.flag.note{color:var(--note);background:var(--note-bg)}
.reason,.error{color:var(--bad);font-size:.85em}
.display{color:var(--muted);font-size:.85em}
.iso.schedule{white-space:normal;max-width:18em;overflow-wrap:anywhere}
.cron{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
progress{width:6em;vertical-align:middle}
.progress-text{font-size:.85em;white-space:nowrap}
#attention ul{margin:.3em 0;padding-left:1.2em}#attention li{margin:.2em 0;padding:.1em .4em}
#attention.all-good p{color:var(--ok);font-weight:600}
#summary{font-size:1.05em;margin:.6em 0}
dl.facts{display:flex;flex-wrap:wrap;gap:.3em 1.6em;margin:.3em 0 .6em}dl.facts div{min-width:8em}dl.facts .wide{flex-basis:100%}
dt{color:var(--muted);font-size:.8em}dd{margin:0}
footer{margin-top:2em;color:var(--muted);font-size:.85em}
`;

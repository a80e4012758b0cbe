import { isFailingFlag } from '../flags.js';
import type { StatusView } from '../types.js';
import { escapeHtml } from './escape.js';
import { flagLabels, runbookUrl } from './flag-labels.js';

/**
 * "What is wrong right now": every target that is down and every failing process, whatever the filter,
 * each linking to its row and to the runbook section of its alert. Pure.
 */
export function attentionHtml(view: StatusView): string {
  const items: string[] = [];
  for (const target of view.targets) {
    if (target.health === 'down') {
      const why = target.lastPoll?.errors.map((error) => `${error.reason}: ${error.message}`).join('; ') ?? '';
      items.push(
        `<li class="failing"><strong class="marker">⚠ DOWN</strong> target <a href="#${escapeHtml(target.anchor)}">${escapeHtml(target.name)}</a>: ${escapeHtml(why)} <a class="flag bad" href="${runbookUrl('GuidewireExporterTargetDown')}">runbook</a></li>`,
      );
    }
    for (const row of target.processes) {
      if (!row.failing) continue;
      const flags = row.flags.filter(isFailingFlag).map((flag) => {
        const { label, alert } = flagLabels[flag];
        return alert === undefined ? label : `<a class="flag bad" href="${runbookUrl(alert)}">${label}</a>`;
      });
      const href = `#${row.anchor}`;
      items.push(
        `<li class="failing"><strong class="marker">⚠ FAILING</strong> <a href="${escapeHtml(href)}">${escapeHtml(target.name)} / <code>${escapeHtml(row.code)}</code></a>: ${flags.join(' ')}</li>`,
      );
    }
  }
  const pending = view.summary.pending === 0 ? '' : ` ${view.summary.pending} target(s) have not finished their first poll yet.`;
  if (items.length === 0) {
    return `<section id="attention" class="all-good"><h2>Needs attention</h2><p>✓ Nothing: every polled target is up and no batch process is failing.${pending}</p></section>`;
  }
  return `<section id="attention" class="problems"><h2>Needs attention (${items.length})</h2><ul>
${items.join('\n')}
</ul>${pending === '' ? '' : `<p>${pending.trim()}</p>`}</section>`;
}

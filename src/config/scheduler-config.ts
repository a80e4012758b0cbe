/**
 * Imports Guidewire's scheduler-config.xml (`scheduler_config_file:`): the `<ProcessSchedule>` entries
 * that apply in `scheduler_env`, each `<CronSchedule>` as a Quartz expression with Guidewire's defaults.
 * CONTRACT STUB: implemented by the configuration work (issue 14).
 */
import type { SchedulerImport } from './types.js';

/**
 * Parses the text of a scheduler-config.xml. `file` names it in errors; `env` selects entries as
 * Guidewire does (entries without `env` always apply). Throws ConfigError (file, line, attribute) for
 * malformed XML, an unknown attribute or a bad cron field.
 */
export function parseSchedulerConfig(text: string, file: string, env: string | undefined): SchedulerImport {
  void text;
  void file;
  void env;
  throw new Error('not implemented');
}

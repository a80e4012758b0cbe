/**
 * What the schedule panels share: the mappings of the schedule flags, and small field-config helpers.
 * Schedule instants are on Guidewire's clock, as the exporter reports them.
 */
import { TableCellDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import type { DynamicConfigValue } from '@grafana/grafana-foundation-sdk/dashboard';
import { valueMappings } from './common.js';

/** One value per process, also when two exporter replicas report it. */
export const perProcess = (expr: string): string => `max by (target, batch_process) (${expr})`;
export const lateMappings = valueMappings({ '0': { text: 'on time', color: 'green' }, '1': { text: 'late', color: 'orange' } });
export const missedMappings = valueMappings({ '0': { text: 'met', color: 'green' }, '1': { text: 'missed', color: 'red' } });
export const maintenanceMappings = valueMappings({ '0': { text: 'none', color: 'green' }, '1': { text: 'in maintenance', color: 'blue' } });
export const colorBackground: DynamicConfigValue = { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorBackground } };
export const unit = (value: string): DynamicConfigValue => ({ id: 'unit', value });

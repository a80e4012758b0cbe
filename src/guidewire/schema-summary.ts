import type { TenantCapabilities, ResourceCapabilities } from './api-schema.js';
import { unmappedWorkQueueFields } from './parse-work-queue.js';
import type { RequestPlan } from './request-plan.js';

/** Plain-text descriptions of what was learned from an API definition and what the client sends. Pure. */

/** One line: what the list and history requests carry under `plan`. */
export function planSummary(plan: RequestPlan): string {
  const list = [
    plan.list.pageSize === undefined ? 'the server\'s default page' : `pageSize=${plan.list.pageSize}`,
    ...(plan.list.fields === undefined ? [] : [`fields=${plan.list.fields} (status from the list, no per-type GETs)`]),
  ].join(', ');
  const { pageOffset, includeTotal } = plan.histories;
  const histories = pageOffset && includeTotal ? 'by pageOffset with includeTotal' : `by links.next only${includeTotal ? '' : ', no includeTotal'}${pageOffset ? '' : ', no pageOffset'}`;
  return `list: ${list}; histories: ${histories}`;
}

function resourceLine(label: string, resource: ResourceCapabilities | undefined): string {
  if (resource === undefined) return `  ${label}: not described`;
  const sizes = [
    ...(resource.defaultPageSize === undefined ? [] : [`default page ${resource.defaultPageSize}`]),
    ...(resource.maxPageSize === undefined ? [] : [`maximum page ${resource.maxPageSize}`]),
  ];
  const params = resource.params.length === 0 ? 'no query parameters' : `parameters ${resource.params.join(', ')}`;
  return `  ${label}: ${params}${sizes.length === 0 ? '' : `; ${sizes.join(', ')}`}`;
}

function unmapped(fields: readonly string[]): string[] {
  const names = unmappedWorkQueueFields(fields);
  return names.length === 0 ? [] : [`  not shown in metrics: ${names.join(', ')}`];
}

/** The lines of `probe --schema` for one target. */
export function schemaLines(capabilities: TenantCapabilities | undefined, plan: RequestPlan, reason?: string): string[] {
  if (capabilities === undefined) {
    return [`API definition: none (${reason ?? 'not read'})`, `  requests: ${planSummary(plan)}`];
  }
  const { listDeclares } = capabilities;
  const declared = [listDeclares.status ? 'status' : '', listDeclares.workQueueStatus ? 'workQueueStatus' : ''].filter((name) => name !== '');
  return [
    `API definition: ${capabilities.source}.json${capabilities.version === undefined ? '' : ` (version ${capabilities.version})`}`,
    resourceLine('GET /batch-processes', capabilities.list),
    resourceLine('GET /batch-processes/{type}', capabilities.item),
    resourceLine('GET /batch-processes/{type}/histories', capabilities.histories),
    `  list items declare: ${declared.length === 0 ? 'neither status nor workQueueStatus' : declared.join(', ')}`,
    `  workQueueStatus fields: ${capabilities.workQueueStatusFields.length === 0 ? 'not described' : capabilities.workQueueStatusFields.join(', ')}`,
    ...unmapped(capabilities.workQueueStatusFields),
    `  requests: ${planSummary(plan)}`,
  ];
}

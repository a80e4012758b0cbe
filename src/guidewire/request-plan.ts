import type { TenantCapabilities } from './api-schema.js';

/**
 * Which optional query parameters the client sends, per resource: learned from the tenant's API definition
 * when there is one, else the long-standing defaults, narrowed by every 400 that refuses one (Guidewire
 * rejects undeclared query parameters). Pure.
 */
export interface RequestPlan {
  readonly list: {
    /** `pageSize` of the batch process list; absent: the server's default page. */
    readonly pageSize?: number;
    /** `fields` of the list, to bring `status` and `workQueueStatus` into its items. */
    readonly fields?: string;
  };
  readonly histories: {
    /** Whether `pageOffset` may be sent; false: pages only by following `links.next`. */
    readonly pageOffset: boolean;
    /** Whether `includeTotal=true` may be sent. */
    readonly includeTotal: boolean;
  };
  /** Where the plan came from: the definition, or the defaults (`none`). */
  readonly learnedFrom: TenantCapabilities['source'] | 'none';
}

/** The `fields` value that asks for every field, optional ones included (Cloud API's `*all` field set). */
export const allFields = '*all';

/** Without a definition: `list_page_size` on the list, paging by offset with totals on histories. */
export function defaultPlan(listPageSize: number | undefined): RequestPlan {
  return { list: listPageSize === undefined ? {} : { pageSize: listPageSize }, histories: { pageOffset: true, includeTotal: true }, learnedFrom: 'none' };
}

/**
 * The plan a definition calls for: the list's largest page (its `pageSize` maximum, else `list_page_size`,
 * never above `max_page_items`), `fields=*all` when the list declares `fields` and its items declare `status`,
 * and only the history parameters `/histories` declares (all of them when the definition omits `/histories`,
 * to be narrowed on a 400). Nothing the definition does not declare is ever sent.
 */
export function planFromSchema(capabilities: TenantCapabilities, settings: { readonly listPageSize: number; readonly maxPageItems: number }): RequestPlan {
  const { list, histories } = capabilities;
  const pageSize = list.params.includes('pageSize') ? Math.min(list.maxPageSize ?? settings.listPageSize, settings.maxPageItems) : undefined;
  const fields = list.params.includes('fields') && capabilities.listDeclares.status ? allFields : undefined;
  return {
    list: { ...(pageSize === undefined ? {} : { pageSize }), ...(fields === undefined ? {} : { fields }) },
    histories:
      histories === undefined
        ? { pageOffset: true, includeTotal: true }
        : { pageOffset: histories.params.includes('pageOffset'), includeTotal: histories.params.includes('includeTotal') },
    learnedFrom: capabilities.source,
  };
}

/** The optional parameters a request of `resource` carried, as sent. */
export type SentParams = readonly ('pageSize' | 'fields' | 'pageOffset' | 'includeTotal')[];

/**
 * The plan after a 400 to a request that carried `sent`: the parameter the error message names, when it
 * names one of them (Guidewire's message quotes it), else every one of them. Returns the names dropped.
 */
export function narrowPlan(plan: RequestPlan, sent: SentParams, message: string | undefined): { plan: RequestPlan; dropped: SentParams } {
  const named = sent.filter((name) => message !== undefined && new RegExp(`\\b${name}\\b`).test(message));
  const dropped = named.length > 0 ? named : sent;
  const { pageSize, fields } = plan.list;
  const list = {
    ...(pageSize === undefined || dropped.includes('pageSize') ? {} : { pageSize }),
    ...(fields === undefined || dropped.includes('fields') ? {} : { fields }),
  };
  return {
    plan: {
      ...plan,
      list,
      histories: {
        pageOffset: plan.histories.pageOffset && !dropped.includes('pageOffset'),
        includeTotal: plan.histories.includeTotal && !dropped.includes('includeTotal'),
      },
    },
    dropped,
  };
}

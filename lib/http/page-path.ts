/** The page a request is for, set by proxy.ts (which overwrites any client value): the audit log's "which page". */
export const PAGE_PATH_HEADER = "x-portico-page";

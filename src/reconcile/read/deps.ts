import type { RequestSources, Warning } from '../../context/context';

/** What a request's read services need: the request's source loaders, its clock and its warnings sink. */
export interface ReadDeps {
  sources: RequestSources;
  now(): Date;
  today(): string;
  warn(w: Warning): void;
}

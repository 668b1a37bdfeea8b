/** What shared views need from the element that hosts them. */
import type { Connector } from "../api-client";
import type { Child } from "../dom";
import type { I18n, LabelKey } from "../i18n";

export interface ViewHost {
  readonly i18n: I18n;
  readonly api: Connector;
  readonly busy: boolean;
  readonly showIds: boolean;
  feature(name: string): boolean;
  t(key: LabelKey, vars?: Record<string, string | number>): string;
  act(run: () => Promise<void>, success: LabelKey | null, after?: () => void): Promise<boolean>;
  paint(): void;
  noticeNode(): Child;
  openOverlay(state: {
    title: string;
    render: () => Child;
    onClose?: () => void;
    returnFocus?: string;
  }): void;
  closeOverlay(): void;
}

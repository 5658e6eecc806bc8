import type { SharedContext } from '../c/config';
import type { LibraryId } from '../knowledge/libraries';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit in document offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (VS Code "preferred" quick fix). */
  preferred?: boolean;
}

/** One finding, in document offsets. Positions are converted by the adapters. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
}

export interface LintOptions {
  library: LibraryId;
  /** Rule id -> severity or 'off'; rules not named keep their default. */
  severities?: Record<string, Severity | 'off'>;
  /** What other files of the workspace do to global SSL_CTXs this file also configures. */
  elsewhere?: readonly SharedContext[];
}

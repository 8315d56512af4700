import type { VNode } from 'preact';
import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import type { Rulebook } from '../../../modules/competitions/domain/rulebook.types';
import type { FormErrors } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { FormBody } from '../../core/web-request';
import type { RowAction, RulesSection } from './rules-parts';

/** What the section page renders: the saved rules, the form's rows, and why it is shown again. */
export interface SectionRender<S> {
  ctx: PageContext;
  competition: CompetitionView;
  /** The form's rows (typed or saved); absent when the section is read-only. */
  state?: S;
  /** The version the form sends back. */
  version: number;
  errors?: FormErrors;
  notice?: string | null;
  conflict?: boolean;
  unsaved?: boolean;
}

/**
 * One section of the rules form: how its rows are read from the saved rulebook and from a
 * posted form, how row buttons change them, what part of the rulebook they make (with the
 * form's row of each item sent, to put the service's problems beside the right input), and
 * the page.
 */
export interface SectionSpec<S> {
  section: RulesSection;
  /** The rulebook's top-level keys this section replaces. */
  keys: (keyof Rulebook)[];
  fromSaved(rulebook: Rulebook): S;
  fromBody(body: FormBody): S;
  applyAction(state: S, action: RowAction): S;
  build(state: S, saved: Rulebook): { rulebook: Record<string, unknown>; rowsOf: Map<string, number[]> };
  /** The form names that show a message (an input, a row, a list). */
  known(name: string): boolean;
  /**
   * A problem the service names by a path the form has no input for (an arm's meaning by
   * its code, the fund a selection rule relies on): the form's input that caused it, and
   * a message of the page's own when the service's would not make sense there.
   */
  moveProblem?(apiField: string, state: S): { name: string; messageKey?: string } | null;
  page(props: SectionRender<S>): VNode;
}

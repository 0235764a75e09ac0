/** (v2) A rule's optional `columns` are shown beside "Needs:" in docs/rules.md and `rules explain`. */
import { describe, expect, it } from 'vitest';
import { listRules, renderExplain, renderRulesMarkdown } from '../../src/engine/docs.js';
import { resolveRules } from '../../src/engine/settings.js';
import withheld from '../../rules/withheld-despite-history.js';
import type { RuleDefinition } from '../../src/engine/types.js';

// withheld-despite-history declares columns of its own: the base here declares none.
const { columns: _columns, ...base } = withheld as RuleDefinition<unknown>;
const reading: RuleDefinition<unknown> = {
  ...base,
  id: 'reads-columns',
  columns: { applications: ['decision_record_at', 'decision_maker_id'], history: ['subject_role'] },
};

describe('rule docs: columns', () => {
  it('lists each column as table.column, in the rule\'s order, after the tables it needs', () => {
    const [listing] = listRules(resolveRules([reading]));
    expect(listing!.columns).toEqual(['applications.decision_record_at', 'applications.decision_maker_id', 'history.subject_role']);
    const md = renderRulesMarkdown([listing!]);
    expect(md).toContain(
      '- Needs: history.csv (skipped, with the reason, when absent)\n' +
        '- Reads columns: `applications.decision_record_at`, `applications.decision_maker_id`, `history.subject_role` (skipped, naming the column, when a file lacks one)\n',
    );
    expect(renderExplain(listing!)).toContain(
      'needs:             history.csv\nreads columns:     applications.decision_record_at, applications.decision_maker_id, history.subject_role\n',
    );
  });

  it('says nothing of columns for a rule that declares none', () => {
    const [listing] = listRules(resolveRules([base]));
    expect(listing!.columns).toEqual([]);
    expect(renderRulesMarkdown([listing!])).not.toContain('Reads columns');
    expect(renderExplain(listing!)).not.toContain('reads columns');
  });
});

/**
 * The plain-text table the CLI, the USE dashboard's text and the SDK's `table()` print through:
 * column widths from the longest cell, two spaces between columns, trailing padding trimmed
 * unless asked to keep it, an optional dashed rule under the header.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { textTable, textTableLines } from '../../../extension/util/textTable';

describe('textTable', () => {
  const header = ['case', 'median', 'CV'];
  const rows = [
    ['Array.includes', '1.2 µs', '3.1%'],
    ['Set.has', '35 ns', '12.0%'],
  ];

  test('each column as wide as its longest cell, header included; the last column is not padded', () => {
    assert.deepEqual(textTableLines(header, rows), [
      'case            median  CV',
      'Array.includes  1.2 µs  3.1%',
      'Set.has         35 ns   12.0%',
    ]);
  });

  test('a rule and full-width lines on request (the SDK table text)', () => {
    assert.equal(
      textTable(
        ['k', 'value'],
        [
          ['a', '1'],
          ['long key', ''],
        ],
        { rule: true, trimEnd: false },
      ),
      ['k         value', '--------  -----', 'a         1    ', 'long key       '].join('\n'),
    );
  });

  test('a header alone, and a trailing empty cell trimmed away', () => {
    assert.equal(textTable(['resource', 'errors'], []), 'resource  errors');
    assert.deepEqual(textTableLines(['a', 'b'], [['xyz', '']]), ['a    b', 'xyz']);
  });
});

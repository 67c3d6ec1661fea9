import type { TableSpec } from '../../extension/views/table/tableOutput';
/** Tables: sortable columns (click or Enter on a header), numbers right-aligned, long tables paged. */

const PAGE_ROWS = 200;

export function drawTable(element: HTMLElement, spec: TableSpec): void {
  element.replaceChildren();
  const wrap = document.createElement('div');
  wrap.className = 'ddia-table-wrap';
  if (spec.title) {
    const t = document.createElement('div');
    t.className = 'ddia-chart-title';
    t.textContent = spec.title;
    wrap.append(t);
  }
  const table = document.createElement('table');
  table.className = 'ddia-table';
  const thead = table.createTHead();
  const tbody = table.createTBody();
  let rows = [...spec.rows];
  let sortKey: string | undefined;
  let ascending = true;
  let shown = PAGE_ROWS;
  const more = document.createElement('button');
  more.className = 'ddia-more';

  const renderBody = (): void => {
    tbody.replaceChildren();
    for (const r of rows.slice(0, shown)) {
      const tr = tbody.insertRow();
      for (const c of spec.columns) {
        const td = tr.insertCell();
        const v = r[c.key];
        td.textContent = v === null || v === undefined ? '' : String(v);
        if (c.align === 'right') td.className = 'num';
      }
    }
    more.hidden = rows.length <= shown;
    more.textContent = `Show more (${rows.length - shown} more rows)`;
  };
  const headRow = thead.insertRow();
  for (const c of spec.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    const button = document.createElement('button');
    button.textContent = c.label;
    button.title = `Sort by ${c.label}`;
    button.addEventListener('click', () => {
      ascending = sortKey === c.key ? !ascending : true;
      sortKey = c.key;
      rows = [...spec.rows].sort((a, b) => compare(a[c.key], b[c.key]) * (ascending ? 1 : -1));
      for (const other of headRow.querySelectorAll('th')) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      renderBody();
    });
    th.append(button);
    if (c.align === 'right') th.className = 'num';
    headRow.append(th);
  }
  more.addEventListener('click', () => {
    shown += PAGE_ROWS;
    renderBody();
  });
  renderBody();
  wrap.append(table, more);
  element.append(wrap);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), undefined, { numeric: true });
}

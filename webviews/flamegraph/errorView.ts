/** What the view shows instead of a graph when a profile cannot be read: the file and the problem. */
import { el } from './dom';

export function showError(container: HTMLElement, title: string, message: string): void {
  const box = el('div', 'fg-error');
  box.setAttribute('role', 'alert');
  box.append(el('h2', '', title), el('div', '', message));
  container.replaceChildren(box);
}

/** What a renderer shows when it cannot draw its data: a visible, specific error, never a blank. */
export function showError(element: HTMLElement, what: string, problem: string): void {
  element.replaceChildren();
  const box = document.createElement('div');
  box.className = 'ddia-error';
  box.setAttribute('role', 'alert');
  const strong = document.createElement('strong');
  strong.textContent = `Cannot draw this ${what}: `;
  box.append(strong, document.createTextNode(problem));
  element.append(box);
}

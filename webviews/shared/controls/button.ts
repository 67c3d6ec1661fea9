/**
 * vscode-button from @vscode-elements/elements (the successor of the deprecated
 * @vscode/webview-ui-toolkit). Each control has its own module importing only its element's entry
 * point, so a panel that needs a button does not carry the select and text field too. See index.ts
 * for why the elements are safe under the strict CSP.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';

export type VscodeButton = HTMLElementTagNameMap['vscode-button'];

export interface ButtonOptions {
  /** Tooltip and accessible name (a label like "▶" alone says nothing to a screen reader). */
  readonly title?: string;
  readonly secondary?: boolean;
  readonly className?: string;
  readonly onClick?: () => void;
}

export function vscButton(label: string, options: ButtonOptions = {}): VscodeButton {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  if (options.secondary) b.secondary = true;
  if (options.className) b.className = options.className;
  if (options.title !== undefined) {
    b.title = options.title;
    b.setAttribute('aria-label', options.title);
  }
  if (options.onClick) b.addEventListener('click', options.onClick);
  return b;
}

/** vscode-textfield (@vscode-elements/elements): a themed input with its own focus ring and validation state. */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

export type VscodeTextfield = HTMLElementTagNameMap['vscode-textfield'];

export function vscTextfield(
  ariaLabel: string,
  options: { type?: string; placeholder?: string; value?: string; className?: string } = {},
): VscodeTextfield {
  const t = document.createElement('vscode-textfield');
  t.setAttribute('aria-label', ariaLabel);
  if (options.type) t.type = options.type as VscodeTextfield['type'];
  if (options.placeholder) t.placeholder = options.placeholder;
  if (options.value !== undefined) t.value = options.value;
  if (options.className) t.className = options.className;
  return t;
}

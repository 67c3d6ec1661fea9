/** vscode-single-select with vscode-option children (@vscode-elements/elements). */
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';

export type VscodeSingleSelect = HTMLElementTagNameMap['vscode-single-select'];

/** A single select with an accessible name; `selected` picks the initial option by value. */
export function vscSelect(
  ariaLabel: string,
  options: readonly (readonly [value: string, label: string])[],
  selected?: string,
): VscodeSingleSelect {
  const s = document.createElement('vscode-single-select');
  s.setAttribute('aria-label', ariaLabel);
  setOptions(s, options, selected);
  return s;
}

/** Replaces a select's options (the element picks its value up from the `selected` option). */
export function setOptions(s: VscodeSingleSelect, options: readonly (readonly [value: string, label: string])[], selected?: string): void {
  s.replaceChildren(
    ...options.map(([value, label]) => {
      const o = document.createElement('vscode-option');
      o.value = value;
      o.textContent = label;
      if (value === selected) o.selected = true;
      return o;
    }),
  );
  if (selected !== undefined) s.value = selected;
}

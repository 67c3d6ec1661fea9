/** Which key events belong to a focused control rather than to a page's shortcuts. */
/**
 * True when a key event comes from a control that uses keys itself (text entry, a select's
 * arrows and Space, a button's Enter and Space), so a page-wide shortcut must leave it alone.
 * Events from inside an element's shadow root arrive retargeted to the element, hence the tag names.
 */
export function isControlTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  const tag = target.tagName;
  if (['INPUT', 'SELECT', 'TEXTAREA', 'VSCODE-TEXTFIELD', 'VSCODE-SINGLE-SELECT', 'VSCODE-TEXTAREA'].includes(tag)) return true;
  return (key === ' ' || key === 'Enter') && (tag === 'BUTTON' || tag === 'VSCODE-BUTTON');
}

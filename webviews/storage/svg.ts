/** A tiny helper to build SVG elements (the storage views need no more than this, so no d3). */
const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A `<title>` child: the hover text, also read by screen readers. */
export function svgTitle(text: string): SVGTitleElement {
  return svgEl('title', {}, text);
}

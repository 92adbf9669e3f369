/**
 * The sidebar's one way to make HTML and SVG nodes. Text from the sheet (headers, customer ids, segment names) is
 * untrusted: it only ever becomes a text node or an attribute value set through the DOM, never markup, so a header
 * named `<img src=x onerror=alert(1)>` shows as those characters.
 */

export interface ElementProps {
  className?: string;
  text?: string;
  testid?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testid) node.dataset.testid = props.testid;
  children.forEach((c) => node.appendChild(c));
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attribute values of an SVG node; numbers are rounded to 0.1 px, which is finer than a screen shows. */
export type SvgAttributes = Record<string, string | number>;

/** An SVG node; string children become text nodes. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: SvgAttributes = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, typeof value === 'number' ? String(Math.round(value * 10) / 10) : value);
  for (const child of children) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/* global document */
/**
 * Tiny DOM builders. Every text goes in through text nodes (never innerHTML), so what the server or a
 * visitor typed can never become markup.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

const append = (parent, children) => {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return parent;
};

const assign = (element, attributes) => {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    // Styles go through the CSSOM, which the page's CSP allows, never through a style attribute.
    else if (name === 'style') Object.assign(element.style, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  return element;
};

/** An HTML element: `h('p', { class: 'note' }, 'text', child)`. */
export const h = (tag, attributes, ...children) =>
  append(assign(document.createElement(tag), attributes), children);

/** An SVG element, with the same signature as {@link h}. */
export const s = (tag, attributes, ...children) =>
  append(assign(document.createElementNS(SVG_NS, tag), attributes), children);

/** Replaces an element's children. */
export const replace = (element, ...children) => {
  element.replaceChildren();
  return append(element, children);
};

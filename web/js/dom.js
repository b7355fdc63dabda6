// Tiny DOM helpers shared by the chat page and the staff console.
// Every piece of text goes through text nodes: server text is never parsed as HTML.

/**
 * Creates an element. `props`: `class`, `text`, `on<event>` handlers, `dataset`, anything else as an attribute
 * (false/null/undefined are skipped, true gives an empty attribute).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {Array<Node | string | null | undefined | false> | Node | string} [children]
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of Array.isArray(children) ? children : [children]) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** Only http(s) links are ever rendered: a `javascript:` or `data:` URL from anywhere is dropped. */
export function safeHttpUrl(raw) {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const url = new URL(raw, window.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const urlPattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Text with bare URLs turned into safe anchors (new tab, no opener); everything else stays text. */
export function linkifiedText(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of String(text).matchAll(urlPattern)) {
    const href = safeHttpUrl(match[0]);
    if (!href || match.index === undefined) continue;
    fragment.append(String(text).slice(last, match.index));
    fragment.append(el('a', { href, target: '_blank', rel: 'noopener noreferrer', text: match[0] }));
    last = match.index + match[0].length;
  }
  fragment.append(String(text).slice(last));
  return fragment;
}

/** True when the element is scrolled (almost) to its bottom, so new content should keep it there. */
export function isNearBottom(element, slack = 80) {
  return element.scrollHeight - element.scrollTop - element.clientHeight < slack;
}

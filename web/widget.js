/*
 * Trợ lý ảo Dịch vụ công — embeddable web chat.
 *
 * Add one tag to any page of the province's sites:
 *
 *   <script src="https://<where web/ is served>/widget.js" defer></script>
 *
 *   data-title     optional label of the button (default "Hỏi Trợ lý ảo Dịch vụ công").
 *   data-position  optional "left" to put the button bottom-left (default bottom-right).
 *
 * It adds a floating button that opens the chat page (index.html?embed=1, next to this script) in a
 * panel. Everything lives in a shadow root, so the host page's styles and the widget's never mix; the
 * chat itself runs in an iframe, so the host page cannot read the conversation. The chat finds the API
 * from its own deployment (`/config.json` beside it, else its own origin), never from the host page:
 * a host page, or a link, must not be able to send the conversation elsewhere.
 */
(() => {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || window.__troLyAoWidget) return;
  window.__troLyAoWidget = true;

  const httpUrl = (raw, base) => {
    try {
      const url = new URL(raw, base);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
    } catch {
      return null;
    }
  };

  const scriptUrl = httpUrl(script.src, window.location.href);
  if (!scriptUrl) return;
  const chatUrl = new URL('index.html', scriptUrl);
  chatUrl.searchParams.set('embed', '1');
  const title = script.dataset.title || 'Hỏi Trợ lý ảo Dịch vụ công';
  const side = script.dataset.position === 'left' ? 'left' : 'right';

  const css = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .launcher {
      position: fixed; ${side}: 20px; bottom: 20px; z-index: 2147483000;
      display: flex; align-items: center; justify-content: center;
      width: 60px; height: 60px; border: 0; border-radius: 50%;
      background: #0a4f94; color: #fff; cursor: pointer;
      box-shadow: 0 6px 20px rgb(0 0 0 / 25%);
    }
    .launcher:hover { background: #083c70; }
    .launcher:focus-visible { outline: 3px solid #f0a500; outline-offset: 3px; }
    .dot {
      position: absolute; top: 6px; ${side === 'right' ? 'right' : 'left'}: 6px; width: 14px; height: 14px;
      border-radius: 50%; background: #d93025; border: 2px solid #fff;
    }
    .panel {
      position: fixed; ${side}: 20px; bottom: 92px; z-index: 2147483000;
      width: 390px; height: min(640px, calc(100vh - 120px));
      border-radius: 16px; overflow: hidden; background: #f2f5f8;
      box-shadow: 0 12px 40px rgb(0 0 0 / 28%);
    }
    iframe { display: block; width: 100%; height: 100%; border: 0; }
    [hidden] { display: none !important; }
    @media (max-width: 480px) {
      .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
      .is-open .launcher { display: none; }
    }
  `;

  const chatIcon =
    '<svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true"><path fill="currentColor" ' +
    'd="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.3 1.3 0 1 0 0 ' +
    '2.6A1.3 1.3 0 0 0 7 10zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6z"/></svg>';
  const closeIcon =
    '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" ' +
    'stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>';

  function mount() {
    const host = document.createElement('div');
    host.setAttribute('data-tro-ly-ao-widget', '');
    const root = host.attachShadow({ mode: 'open' });
    // A constructed style sheet, not a <style> element: host pages with a strict Content-Security-Policy
    // (no inline styles) still show the widget. Older browsers get the element.
    let style = null;
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } else {
      style = document.createElement('style');
      style.textContent = css;
    }
    const wrapper = document.createElement('div');
    const launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'tro-ly-ao-panel');
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.hidden = true;
    const panel = document.createElement('div');
    panel.className = 'panel';
    panel.id = 'tro-ly-ao-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Trợ lý ảo Dịch vụ công');
    panel.hidden = true;
    wrapper.append(launcher, panel);
    root.append(...(style ? [style] : []), wrapper);
    document.body.append(host);

    let iframe = null;
    let open = false;

    const render = () => {
      // The icons are constants of this file, never text from elsewhere.
      launcher.innerHTML = open ? closeIcon : chatIcon;
      launcher.append(dot);
      launcher.setAttribute('aria-label', open ? 'Đóng cửa sổ trò chuyện' : title);
      launcher.title = open ? 'Đóng' : title;
      launcher.setAttribute('aria-expanded', String(open));
      wrapper.classList.toggle('is-open', open);
      panel.hidden = !open;
    };

    const tellChat = () => iframe?.contentWindow?.postMessage({ type: 'tro-ly-ao:opened' }, chatUrl.origin);

    const show = () => {
      open = true;
      dot.hidden = true;
      if (!iframe) {
        iframe = document.createElement('iframe');
        iframe.title = 'Trợ lý ảo Dịch vụ công';
        iframe.src = chatUrl.href;
        iframe.allow = 'geolocation';
        iframe.addEventListener('load', tellChat);
        panel.append(iframe);
      }
      render();
      iframe.focus();
      tellChat();
    };

    const hide = () => {
      open = false;
      render();
      launcher.focus();
    };

    launcher.addEventListener('click', () => (open ? hide() : show()));
    document.addEventListener('keydown', (event) => {
      if (open && event.key === 'Escape') hide();
    });
    window.addEventListener('message', (event) => {
      if (!iframe || event.source !== iframe.contentWindow || event.origin !== chatUrl.origin) return;
      const type = event.data?.type;
      if (type === 'tro-ly-ao:close' && open) hide();
      if (type === 'tro-ly-ao:unread' && !open) dot.hidden = false;
    });
    render();
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();

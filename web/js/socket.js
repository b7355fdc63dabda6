// The live channel: one WebSocket on the API's origin (`/ws`; the local server, or CloudFront in
// front of API Gateway's WebSocket API) that pushes what arrives outside the citizen's own turn.
// It reconnects with back-off and resubscribes from the last message held, so nothing is lost;
// while it is down the page polls instead (the caller decides, from onUp / onDown).

/** `http(s)://host[/base]` → `ws(s)://host/ws`. */
export function socketUrl(apiBase) {
  const url = new URL('/ws', apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * @param {{url: string | (() => string | Promise<string>), subscribe: () => object, onFrame: (frame: any) => void, onUp?: () => void,
 *          onDown?: () => void, retryMaxMs?: number, pingMs?: number}} options
 */
export function createLiveChannel(options) {
  const { url, subscribe, onFrame, onUp, onDown, retryMaxMs = 30_000, pingMs = 240_000 } = options;
  let socket = null;
  let running = false;
  let up = false;
  let retryMs = 1000;
  let retryTimer = null;
  let pingTimer = null;

  const down = () => {
    clearInterval(pingTimer);
    const wasUp = up;
    up = false;
    socket = null;
    if (!running) return;
    // Tell the caller once per outage (or at once when the very first attempt fails).
    if (wasUp || retryMs === 1000) onDown?.();
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, retryMaxMs);
  };

  const connect = async () => {
    if (!running) return;
    if (typeof WebSocket !== 'function') {
      onDown?.();
      return;
    }
    let ws;
    try {
      // The address may only be known once the deployment's configuration is read.
      const target = typeof url === 'function' ? await url() : url;
      if (!running) return;
      ws = new WebSocket(target);
    } catch {
      down();
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => {
      up = true;
      retryMs = 1000;
      ws.send(JSON.stringify(subscribe()));
      pingTimer = setInterval(() => ws.send('{"type":"ping"}'), pingMs);
      onUp?.();
    });
    ws.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (frame && typeof frame === 'object') onFrame(frame);
    });
    ws.addEventListener('close', () => {
      if (socket === ws) down();
    });
  };

  return {
    start() {
      if (running) return;
      running = true;
      connect();
    },
    stop() {
      running = false;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socket?.close();
      socket = null;
      up = false;
    },
    isUp: () => up,
  };
}

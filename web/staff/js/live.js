// The console's live channel: content-free "something changed" signals over the socket (a new
// request, a claim, a citizen's new message), after which the queue and the open conversation are
// re-read over the authenticated API. While the socket is down, they poll as before.

import { createLiveChannel, socketUrl } from '../../js/socket.js';

/** @param {string} apiBase @param {(escalationId?: string) => void} onChange */
export function createStaffLive(apiBase, onChange) {
  let wasUp = false;
  const channel = createLiveChannel({
    url: socketUrl(apiBase),
    subscribe: () => ({ type: 'subscribe_staff' }),
    onFrame(frame) {
      if (frame.type === 'staff_changed') onChange(frame.escalationId);
    },
    onUp() {
      // Whatever changed while the socket was away is read once, as a poll would have.
      if (wasUp) onChange();
      wasUp = true;
    },
  });
  return { start: () => channel.start(), stop: () => channel.stop(), isUp: () => channel.isUp() };
}

// What this tab has shown, kept in sessionStorage so a reload (phones reload background tabs often)
// redraws the conversation as it was, the citizen's own words included: the API's history only holds
// the assistant's, the staff's and the system's messages. sessionStorage ends with the tab, so nothing
// personal stays on a shared computer.

const maxItems = 150;

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** @param {string} sessionId */
export function createTranscriptCache(sessionId) {
  const key = `tro-ly-ao.transcript.${sessionId}`;
  let state = { lastId: null, items: [] };
  try {
    const raw = storage()?.getItem(key);
    const parsed = raw ? JSON.parse(raw) : null;
    if (parsed && Array.isArray(parsed.items)) {
      state = { lastId: typeof parsed.lastId === 'string' ? parsed.lastId : null, items: parsed.items };
    }
  } catch {
    // A broken cache is dropped: the server's history is drawn instead.
  }

  const save = () => {
    try {
      storage()?.setItem(key, JSON.stringify(state));
    } catch {
      // Full or blocked storage: the chat works, a reload just shows less.
    }
  };

  return {
    /** The messages drawn so far in this tab, oldest first, and the last id polled. */
    restore: () => ({ lastId: state.lastId, items: state.items.slice() }),
    /** @param {{id?: string, from: string, text: string, quickReplies?: unknown[], links?: unknown[]}} message */
    add(message) {
      const { id, from, text, quickReplies, links } = message;
      state.items.push({ id, from, text, quickReplies, links, shownAt: new Date().toISOString() });
      if (state.items.length > maxItems) state.items = state.items.slice(-maxItems);
      save();
    },
    setLastId(lastId) {
      if (state.lastId === lastId) return;
      state.lastId = lastId;
      save();
    },
  };
}

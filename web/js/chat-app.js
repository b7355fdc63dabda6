// The citizen chat page: sends what the citizen types to POST /api/chat, shows the answers, and
// receives what arrives later (staff replies, notices, rating requests) over the live socket, or by
// polling GET /api/chat/{sessionId}/messages while the socket cannot open.

import { loadApiBase } from './api-base.js';
import { errorItem, messageItem, speakerOf } from './chat-render.js';
import { loadSessionId } from './chat-session.js';
import { createTranscriptCache } from './chat-transcript.js';
import { isNearBottom } from './dom.js';
import { ApiError, NetworkError, requestJson } from './http.js';
import { createPoller } from './poller.js';
import { createLiveChannel, socketUrl } from './socket.js';

const maxLength = 2000;
const counterFrom = 1800;

// Shown on every load, never stored: its buttons send their title as text, as if typed.
const welcome = {
  from: 'bot',
  text:
    'Xin chào! Tôi là Trợ lý ảo Dịch vụ công tỉnh Khánh Hòa. Tôi có thể hướng dẫn thủ tục hành chính, ' +
    'tra cứu hồ sơ, địa chỉ số, tiếp nhận phản ánh, kiến nghị hoặc kết nối bạn với cán bộ. Bạn cần hỗ trợ gì ạ?',
  quickReplies: [
    { title: 'Thủ tục hành chính' },
    { title: 'Tra cứu hồ sơ' },
    { title: 'Địa chỉ số' },
    { title: 'Phản ánh, kiến nghị' },
    { title: 'Gặp cán bộ' },
  ],
};

const stateTexts = {
  waiting_staff: 'Đang chờ cán bộ tiếp nhận…',
  with_staff: 'Cán bộ đang trò chuyện với bạn.',
};
const offlineText = 'Mất kết nối tới máy chủ. Đang thử kết nối lại…';

// Read once from the deployment's configuration (never from the page URL); awaited before each call.
const apiBaseReady = loadApiBase();
const sessionId = loadSessionId();
const transcript = createTranscriptCache(sessionId);
const embedded = new URLSearchParams(window.location.search).get('embed') === '1';
const coarsePointer = window.matchMedia('(pointer: coarse)').matches;

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const dom = {
  scroll: byId('chat-scroll'),
  messages: byId('messages'),
  typing: byId('typing'),
  banner: byId('state-banner'),
  form: /** @type {HTMLFormElement} */ (byId('composer')),
  input: /** @type {HTMLTextAreaElement} */ (byId('message-input')),
  counter: byId('char-counter'),
  location: byId('share-location'),
  close: byId('close-embed'),
};

const seen = new Set();
let lastId = null;
let conversationState = 'bot';
let offline = false;
let sendChain = Promise.resolve();
let sendsInFlight = 0;

// ---- rendering -------------------------------------------------------------------------------------

function scrollToEnd() {
  dom.scroll.scrollTop = dom.scroll.scrollHeight;
}

function append(item, { stick = false } = {}) {
  const follow = stick || isNearBottom(dom.scroll);
  dom.messages.append(item);
  if (follow) scrollToEnd();
}

/** Quick replies belong to the moment they were offered: once the citizen speaks, older ones go away. */
function retireQuickReplies() {
  for (const group of dom.messages.querySelectorAll('.quick-replies')) group.remove();
}

function showServerMessage(message, { fromPoll, fromHistory = false }) {
  if (!message || typeof message !== 'object') return;
  if (message.id) {
    if (seen.has(message.id)) return;
    seen.add(message.id);
  }
  // The citizen's own words were drawn when sent; polling only echoes them back.
  if (fromPoll && speakerOf(message.from) === 'user') return;
  append(messageItem(message, { onQuickReply, arrivedNow: !fromHistory }));
  transcript.add(message);
  // Lets the widget's closed launcher show that something new arrived.
  if (fromPoll && embedded) window.parent.postMessage({ type: 'tro-ly-ao:unread' }, '*');
}

function renderBanner() {
  const text = offline ? offlineText : stateTexts[conversationState];
  const key = offline ? 'offline' : conversationState;
  if (!text) {
    dom.banner.hidden = true;
    dom.banner.textContent = '';
    delete dom.banner.dataset.state;
    return;
  }
  if (dom.banner.dataset.state === key) return; // unchanged: do not announce it again
  dom.banner.dataset.state = key;
  dom.banner.textContent = text;
  dom.banner.hidden = false;
}

function setConversationState(state) {
  if (typeof state !== 'string' || state === conversationState) return;
  conversationState = state;
  renderBanner();
}

function setTyping(visible) {
  const follow = isNearBottom(dom.scroll);
  dom.typing.hidden = !visible;
  if (visible && follow) scrollToEnd();
}

// ---- sending ---------------------------------------------------------------------------------------

async function deliver(body, bubble, shownText) {
  try {
    const apiBase = await apiBaseReady;
    const data = await requestJson(`${apiBase}/api/chat`, { method: 'POST', body: { sessionId, ...body } });
    bubble.classList.remove('is-pending');
    transcript.add({ from: 'user', text: shownText });
    for (const message of data?.messages ?? []) showServerMessage(message, { fromPoll: false });
    setConversationState(data?.state);
    if (!live.isUp()) poller.nudge();
  } catch (error) {
    bubble.classList.remove('is-pending');
    if (error instanceof NetworkError) {
      append(
        errorItem('Không gửi được tin nhắn vì mất kết nối mạng.', (item) => {
          item.remove();
          bubble.classList.add('is-pending');
          enqueue(body, bubble, shownText);
        }),
        { stick: true },
      );
    } else if (error instanceof ApiError) {
      const retryable = error.status === 429 || error.status >= 500;
      const retry = (item) => {
        item.remove();
        enqueue(body, bubble, shownText);
      };
      append(errorItem(error.message, retryable ? retry : null), { stick: true });
    } else {
      throw error;
    }
  }
}

/** Sends one at a time, in order, so answers never overtake each other. */
function enqueue(body, bubble, shownText) {
  sendsInFlight += 1;
  setTyping(true);
  sendChain = sendChain
    .then(() => deliver(body, bubble, shownText))
    .catch((error) => console.error('chat: unexpected failure', error))
    .finally(() => {
      sendsInFlight -= 1;
      if (sendsInFlight === 0) setTyping(false);
    });
}

/** Draws the citizen's bubble at once, then sends. */
function send(body, shownText) {
  retireQuickReplies();
  const bubble = messageItem({ from: 'user', text: shownText }, { arrivedNow: true });
  bubble.classList.add('is-pending');
  append(bubble, { stick: true });
  enqueue(body, bubble, shownText);
}

function onQuickReply(reply) {
  const title = String(reply.title);
  if (typeof reply.payload === 'string' && reply.payload) send({ payload: reply.payload }, title);
  else send({ text: title }, title);
  // The clicked button is gone; keep focus somewhere sensible without popping a phone's keyboard open.
  if (coarsePointer) dom.scroll.focus({ preventScroll: true });
  else dom.input.focus();
}

// ---- composer --------------------------------------------------------------------------------------

function autosize() {
  dom.input.style.height = 'auto';
  dom.input.style.height = `${Math.min(dom.input.scrollHeight + 3, 160)}px`;
}

function updateCounter() {
  const length = dom.input.value.length;
  const show = length >= counterFrom;
  dom.counter.hidden = !show;
  dom.counter.textContent = show ? `${length}/${maxLength} ký tự` : '';
  dom.counter.classList.toggle('is-over', length > maxLength);
}

function submitComposer() {
  const text = dom.input.value.trim();
  if (!text) {
    dom.input.focus();
    return;
  }
  if (text.length > maxLength) {
    append(errorItem(`Tin nhắn dài quá ${maxLength} ký tự. Bạn vui lòng rút gọn lại.`, null), {
      stick: true,
    });
    return;
  }
  dom.input.value = '';
  autosize();
  updateCounter();
  send({ text }, text);
  dom.input.focus();
}

dom.form.addEventListener('submit', (event) => {
  event.preventDefault();
  submitComposer();
});

dom.input.addEventListener('keydown', (event) => {
  // Vietnamese is typed through input methods (Telex, VNI): Enter may only be confirming a word.
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  submitComposer();
});

dom.input.addEventListener('input', () => {
  autosize();
  updateCounter();
});

// ---- location --------------------------------------------------------------------------------------

if ('geolocation' in navigator) {
  dom.location.hidden = false;
  dom.location.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const lat = Number(position.coords.latitude.toFixed(6));
        const lng = Number(position.coords.longitude.toFixed(6));
        send({ location: { lat, lng } }, '📍 Vị trí của tôi');
      },
      () => {
        append(
          errorItem(
            'Không lấy được vị trí. Bạn hãy cho phép trang truy cập vị trí, hoặc nhập địa chỉ bằng chữ.',
            null,
          ),
          { stick: true },
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

// ---- polling ---------------------------------------------------------------------------------------

async function fetchMessages() {
  const query = lastId ? `?after=${encodeURIComponent(lastId)}` : '';
  try {
    const apiBase = await apiBaseReady;
    return await requestJson(`${apiBase}/api/chat/${encodeURIComponent(sessionId)}/messages${query}`);
  } catch (error) {
    // A session that has not spoken yet is simply empty.
    if (error instanceof ApiError && error.status === 404) return { messages: [] };
    throw error;
  }
}

function rememberLast(messages) {
  for (const message of messages) if (message?.id && (!lastId || message.id > lastId)) lastId = message.id;
  transcript.setLastId(lastId);
}

/** Messages that arrived after the page loaded, polled or pushed. */
function receive(data) {
  const messages = Array.isArray(data?.messages) ? data.messages : [];
  for (const message of messages) showServerMessage(message, { fromPoll: true });
  rememberLast(messages);
  setConversationState(data?.state);
}

const poller = createPoller(async () => receive(await fetchMessages()), {
  intervalMs: 2500,
  hiddenMaxMs: 30_000,
  // The answer to the citizen's own message brings the news with it; no poll while it is on its way.
  skip: () => sendsInFlight > 0,
  onFailure: (_error, failures) => {
    if (failures >= 3 && !offline) {
      offline = true;
      renderBanner();
    }
  },
  onRecovery: () => {
    offline = false;
    delete dom.banner.dataset.state;
    renderBanner();
  },
});

// ---- live socket -----------------------------------------------------------------------------------

let started = false;
/** Set while the page loads: the socket's first batch (the history) or null when it cannot help. */
let firstSync = null;

const live = createLiveChannel({
  url: async () => socketUrl(await apiBaseReady),
  subscribe: () => ({ type: 'subscribe', sessionId, ...(lastId ? { after: lastId } : {}) }),
  onFrame(frame) {
    if (frame.type !== 'messages') return;
    if (firstSync) {
      firstSync(frame);
      firstSync = null;
    } else {
      receive(frame);
    }
  },
  onUp() {
    poller.stop();
    if (offline) {
      offline = false;
      delete dom.banner.dataset.state;
      renderBanner();
    }
  },
  onDown() {
    if (firstSync) {
      firstSync(null);
      firstSync = null;
    }
    if (started) poller.start();
  },
});

// ---- embedding -------------------------------------------------------------------------------------

if (embedded) {
  document.documentElement.classList.add('is-embedded');
  dom.close.hidden = false;
  dom.close.addEventListener('click', () => window.parent.postMessage({ type: 'tro-ly-ao:close' }, '*'));
  window.addEventListener('message', (event) => {
    if (event.source === window.parent && event.data?.type === 'tro-ly-ao:opened') dom.input.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') window.parent.postMessage({ type: 'tro-ly-ao:close' }, '*');
  });
}

// ---- start -----------------------------------------------------------------------------------------

async function start() {
  dom.messages.append(messageItem(welcome, { onQuickReply }));
  dom.messages.setAttribute('aria-busy', 'true'); // do not read the whole history aloud
  // This tab's own record first (it has the citizen's words), then whatever the server has beyond it.
  const cached = transcript.restore();
  for (const item of cached.items) {
    if (item.id) seen.add(item.id);
    dom.messages.append(messageItem({ ...item, createdAt: item.shownAt }, { onQuickReply }));
  }
  lastId = cached.lastId;
  // The socket's subscription answers with the history; if it cannot open soon, one fetch does.
  const pushed = await new Promise((resolve) => {
    firstSync = resolve;
    setTimeout(() => firstSync?.(null), 4000);
    live.start();
  });
  firstSync = null;
  try {
    const data = pushed ?? (await fetchMessages());
    const history = Array.isArray(data?.messages) ? data.messages : [];
    for (const message of history) {
      showServerMessage(message, { fromPoll: false, fromHistory: cached.items.length === 0 });
    }
    rememberLast(history);
    setConversationState(data?.state);
  } catch {
    // What is drawn stands; polling keeps trying and says so if the server stays away.
  }
  // Only an offer in the very last message still stands.
  for (const group of dom.messages.querySelectorAll('.quick-replies')) {
    if (group.parentElement !== dom.messages.lastElementChild) group.remove();
  }
  dom.messages.removeAttribute('aria-busy');
  scrollToEnd();
  updateCounter();
  started = true;
  if (!live.isUp()) poller.start();
  if (!embedded && !coarsePointer) dom.input.focus();
}

start();

// The staff console: sign-in with a bearer token (the local STAFF_TOKEN here, a Cognito token in AWS),
// then the queue, the reports and the feedback reports.

import { resolveApiBase } from '../../js/api-base.js';
import { el } from '../../js/dom.js';
import { ApiError } from '../../js/http.js';
import { createConversationView } from './conversation.js';
import { createFeedback } from './feedback.js';
import { createQueue } from './queue.js';
import { createReports } from './reports.js';
import { createStaffApi, storedToken, storeToken, verifyToken } from './staff-api.js';

const apiBase = resolveApiBase();
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const signin = byId('signin');
const signinForm = /** @type {HTMLFormElement} */ (byId('signin-form'));
const tokenInput = /** @type {HTMLInputElement} */ (byId('token-input'));
const signinError = byId('signin-error');
const signinButton = /** @type {HTMLButtonElement} */ (byId('signin-button'));
const app = byId('app');
const userBox = byId('user-box');
const toastBox = byId('toast');

let toastTimer = null;
function toast(text) {
  toastBox.textContent = text;
  toastBox.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toastBox.hidden = true;
  }, 4000);
}

let session = null; // { queue, conversation, reports, feedback }

function signOut(message) {
  session?.queue.stop();
  session?.conversation.close();
  session = null;
  storeToken(null);
  app.hidden = true;
  userBox.hidden = true;
  signin.hidden = false;
  byId('conversation').replaceChildren(
    el('p', { class: 'empty' }, 'Chọn một cuộc trò chuyện trong hàng chờ.'),
  );
  signinError.textContent = message ?? '';
  tokenInput.value = '';
  tokenInput.focus();
}

function showTab(name) {
  for (const tab of document.querySelectorAll('.tab')) {
    if (!(tab instanceof HTMLElement)) continue;
    if (tab.dataset.tab === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const panel of ['queue', 'reports', 'feedback']) byId(`tab-${panel}`).hidden = panel !== name;
  if (name === 'reports') session?.reports.load();
  if (name === 'feedback') session?.feedback.load();
}

async function startConsole(token, me) {
  const api = createStaffApi(apiBase, {
    token,
    onUnauthorized: () =>
      signOut('Phiên đăng nhập đã hết hạn hoặc mã không còn hiệu lực. Vui lòng đăng nhập lại.'),
  });
  const teams = await api
    .get('/teams')
    .then((data) => (Array.isArray(data?.items) ? data.items : []))
    .catch(() => []);
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const teamName = (id) => teamNames.get(id) ?? id;
  const teamFilter = byId('filter-team');
  teamFilter.replaceChildren(
    el('option', { value: '' }, 'Tất cả'),
    ...teams.map((team) => el('option', { value: team.id }, team.name)),
  );

  let cannedCache = null;
  const cannedReplies = () => {
    cannedCache ??= api
      .get('/canned-replies')
      .then((data) => (Array.isArray(data?.items) ? data.items : []))
      .catch(() => {
        cannedCache = null;
        return [];
      });
    return cannedCache;
  };

  let queue = null;
  const conversation = createConversationView({
    api,
    me,
    teams,
    teamName,
    cannedReplies,
    onChanged: () => queue?.refresh(),
    toast,
  });
  queue = createQueue({ api, teamName, onSelect: (id) => conversation.open(id) });
  session = {
    queue,
    conversation,
    reports: createReports({ api, teamName, toast }),
    feedback: createFeedback({ api, teamName }),
  };

  byId('user-name').textContent = me?.name ? `Xin chào, ${me.name}` : 'Đã đăng nhập';
  signin.hidden = true;
  app.hidden = false;
  userBox.hidden = false;
  showTab('queue');
  queue.start();
}

async function signIn(token) {
  signinButton.disabled = true;
  signinError.textContent = '';
  try {
    const me = await verifyToken(apiBase, token);
    storeToken(token);
    await startConsole(token, me ?? {});
  } catch (error) {
    storeToken(null);
    signinError.textContent =
      error instanceof ApiError
        ? error.status === 401 || error.status === 403
          ? 'Mã truy cập không đúng hoặc đã hết hạn.'
          : error.message
        : 'Không kết nối được tới máy chủ. Vui lòng thử lại.';
    signin.hidden = false;
    tokenInput.focus();
  } finally {
    signinButton.disabled = false;
  }
}

signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = tokenInput.value.trim();
  if (!token) {
    signinError.textContent = 'Vui lòng nhập mã truy cập.';
    tokenInput.focus();
    return;
  }
  signIn(token);
});

byId('sign-out').addEventListener('click', () => signOut());

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    if (tab instanceof HTMLElement && tab.dataset.tab) showTab(tab.dataset.tab);
  });
}

const remembered = storedToken();
if (remembered) signIn(remembered);
else tokenInput.focus();

// The staff console: sign-in, then the queue, the reports and the feedback reports.
// Sign-in follows /config.json: in AWS it says `staffAuth.type: "cognito"` and staff sign in on the Cognito
// hosted UI (cognito-auth.js); without it (this machine) they paste the local STAFF_TOKEN.

import { el } from '../../js/dom.js';
import { ApiError } from '../../js/http.js';
import { createCognitoAuth, SignInError } from './cognito-auth.js';
import { createConversationView } from './conversation.js';
import { createFeedback } from './feedback.js';
import { createKnowledge } from './knowledge.js';
import { createStaffLive } from './live.js';
import { createPrivacyRequests } from './privacy-requests.js';
import { createQueue } from './queue.js';
import { createReports } from './reports.js';
import { loadRuntimeConfig } from './runtime-config.js';
import { createStaffApi, storedToken, storeToken, verifyToken } from './staff-api.js';

// Set from the deployment's /config.json (or this origin) before anything calls the API; see below.
let apiBase = window.location.origin;
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const signin = byId('signin');
const signinForm = /** @type {HTMLFormElement} */ (byId('signin-form'));
const tokenInput = /** @type {HTMLInputElement} */ (byId('token-input'));
const signinError = byId('signin-error');
const signinButton = /** @type {HTMLButtonElement} */ (byId('signin-button'));
const cognitoCard = byId('signin-cognito');
const cognitoStatus = byId('signin-cognito-status');
const cognitoError = byId('signin-cognito-error');
const cognitoButton = /** @type {HTMLButtonElement} */ (byId('signin-cognito-button'));
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

let session = null; // { queue, conversation, reports, feedback, privacy }
/** Set when /config.json asks for the Cognito hosted UI; null for the local token. */
let cognito = null;
/** The bearer the API calls carry now (a Cognito session replaces it when it renews). */
let currentToken = null;
let renewTimer = null;

const expiredMessage = 'Phiên đăng nhập đã hết hạn hoặc mã không còn hiệu lực. Vui lòng đăng nhập lại.';

/** Shows the sign-in of the current mode, with a message when there is one. */
function showSignIn(message) {
  app.hidden = true;
  userBox.hidden = true;
  signin.hidden = false;
  if (cognito) {
    signinForm.hidden = true;
    cognitoCard.hidden = false;
    cognitoStatus.textContent = '';
    cognitoError.textContent = message ?? '';
    cognitoButton.disabled = false;
    cognitoButton.focus();
  } else {
    cognitoCard.hidden = true;
    signinForm.hidden = false;
    signinError.textContent = message ?? '';
    tokenInput.value = '';
    tokenInput.focus();
  }
}

/** Ends the session in this tab (an expired token, or the local sign-out). */
function signOut(message) {
  session?.queue.stop();
  session?.conversation.close();
  session?.live.stop();
  session = null;
  clearTimeout(renewTimer);
  currentToken = null;
  storeToken(null);
  cognito?.auth.forget();
  byId('conversation').replaceChildren(
    el('p', { class: 'empty' }, 'Chọn một cuộc trò chuyện trong hàng chờ.'),
  );
  showSignIn(message);
}

function showTab(name) {
  for (const tab of document.querySelectorAll('.tab')) {
    if (!(tab instanceof HTMLElement)) continue;
    if (tab.dataset.tab === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const panel of ['queue', 'reports', 'feedback', 'privacy', 'knowledge'])
    byId(`tab-${panel}`).hidden = panel !== name;
  if (name === 'reports') session?.reports.load();
  if (name === 'feedback') session?.feedback.load();
  if (name === 'privacy') session?.privacy.load();
  if (name === 'knowledge') session?.knowledge.load();
}

async function startConsole(me) {
  const api = createStaffApi(apiBase, {
    token: () => currentToken,
    onUnauthorized: () => signOut(expiredMessage),
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
  let conversation = null;
  const live = createStaffLive(apiBase, (id) => {
    queue?.reload();
    conversation?.reloadIfOpen(id);
  });
  const quiet = () => live.isUp();
  conversation = createConversationView({
    api,
    me,
    teams,
    teamName,
    cannedReplies,
    onChanged: () => queue?.refresh(),
    toast,
    quiet,
  });
  queue = createQueue({ api, teamName, onSelect: (id) => conversation.open(id), quiet });
  session = {
    live,
    queue,
    conversation,
    reports: createReports({ api, teamName, toast }),
    feedback: createFeedback({ api, teamName }),
    privacy: createPrivacyRequests({ api }),
    knowledge: createKnowledge({ api, me, teams, toast }),
  };

  byId('user-name').textContent = me?.name ? `Xin chào, ${me.name}` : 'Đã đăng nhập';
  signin.hidden = true;
  app.hidden = false;
  userBox.hidden = false;
  // Editors and reviewers without the queue (no `agent` role) start in the knowledge tab.
  const roles = Array.isArray(me?.roles) ? me.roles : ['agent'];
  if (roles.includes('agent') || roles.includes('admin')) {
    showTab('queue');
    queue.start();
  } else showTab('knowledge');
  live.start();
}

async function signIn(token) {
  signinButton.disabled = true;
  signinError.textContent = '';
  try {
    const me = await verifyToken(apiBase, token);
    storeToken(token);
    currentToken = token;
    await startConsole(me ?? {});
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

byId('sign-out').addEventListener('click', () => {
  if (!cognito) {
    signOut();
    return;
  }
  // Also ends the hosted UI's session, which would otherwise sign the next person straight in.
  const { auth } = cognito;
  const tokens = auth.storedTokens(); // read before signOut() forgets them: the refresh token is revoked
  signOut();
  cognitoButton.disabled = true;
  cognitoStatus.textContent = 'Đang đăng xuất…';
  auth.signOut(tokens);
});

// --- Cognito (AWS) -------------------------------------------------------------------------------

/** Renews the ID token with the refresh token a little before it expires, while the console is open. */
function scheduleRenewal(tokens) {
  clearTimeout(renewTimer);
  const { auth } = cognito;
  const delay = Math.max(10_000, tokens.expiresAt - Date.now() - 5 * 60_000);
  renewTimer = setTimeout(async () => {
    try {
      const renewed = await auth.refresh(tokens);
      currentToken = auth.bearer(renewed);
      scheduleRenewal(renewed);
    } catch {
      signOut(expiredMessage);
    }
  }, delay);
}

/** Checks the Cognito tokens against the API, then opens the console. */
async function startCognitoSession(tokens) {
  const { auth } = cognito;
  const token = auth.bearer(tokens);
  try {
    const me = await verifyToken(apiBase, token);
    currentToken = token;
    scheduleRenewal(tokens);
    await startConsole(me ?? {});
  } catch (error) {
    auth.forget();
    showSignIn(
      error instanceof ApiError
        ? error.status === 401 || error.status === 403
          ? 'Tài khoản chưa được cấp quyền hoặc phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.'
          : error.message
        : 'Không kết nối được tới máy chủ. Vui lòng thử lại.',
    );
  }
}

async function startCognito(config) {
  cognito = { auth: createCognitoAuth(config) };
  const { auth } = cognito;
  cognitoButton.addEventListener('click', async () => {
    cognitoButton.disabled = true;
    cognitoError.textContent = '';
    cognitoStatus.textContent = 'Đang chuyển tới trang đăng nhập…';
    try {
      await auth.beginSignIn();
    } catch (error) {
      showSignIn(
        error instanceof SignInError ? error.message : 'Không mở được trang đăng nhập. Vui lòng thử lại.',
      );
    }
  });
  signin.hidden = false;
  cognitoCard.hidden = false;
  cognitoButton.disabled = true;
  cognitoStatus.textContent = 'Đang kiểm tra phiên đăng nhập…';
  let tokens = null;
  try {
    tokens = (await auth.completeSignIn()) ?? auth.storedTokens();
    if (tokens && !auth.isFresh(tokens)) tokens = await auth.refresh(tokens);
  } catch (error) {
    auth.forget();
    showSignIn(
      error instanceof SignInError ? error.message : 'Đăng nhập không thành công. Vui lòng thử lại.',
    );
    return;
  }
  if (tokens) await startCognitoSession(tokens);
  else showSignIn();
}

// --- Start ---------------------------------------------------------------------------------------

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    if (tab instanceof HTMLElement && tab.dataset.tab) showTab(tab.dataset.tab);
  });
}

const runtimeConfig = await loadRuntimeConfig();
apiBase = runtimeConfig.apiBase;
const { staffAuth } = runtimeConfig;
if (staffAuth.type === 'cognito') {
  await startCognito(staffAuth);
} else if (staffAuth.type === 'invalid') {
  // A broken deployment: the token form would not work either, so say who can fix it.
  cognitoCard.hidden = false;
  cognitoButton.hidden = true;
  cognitoError.textContent =
    'Cấu hình đăng nhập của bảng điều khiển không hợp lệ. Vui lòng báo quản trị hệ thống.';
} else {
  signinForm.hidden = false;
  const remembered = storedToken();
  if (remembered) signIn(remembered);
  else tokenInput.focus();
}

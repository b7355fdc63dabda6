// One escalation: the whole transcript with what the assistant understood, and the staff member's tools
// (claim, reply with canned replies and knowledge snippets, transfer, internal notes, resolve).

import { el, isNearBottom, linkifiedText, safeHttpUrl } from '../../js/dom.js';
import { ApiError } from '../../js/http.js';
import { createPoller } from '../../js/poller.js';
import {
  channelLabels,
  formatDateTime,
  formatMinutes,
  formatPercent,
  formatWhen,
  intentLabels,
  labelOf,
  reasonLabels,
  speakerLabels,
  stateLabels,
} from './labels.js';

/** Inserts text where the cursor is (or at the end), keeping what the staff member already typed. */
function insertAtCursor(textarea, text) {
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? textarea.value.length;
  const before = textarea.value.slice(0, start);
  const after = textarea.value.slice(end);
  const glueBefore = before && !before.endsWith('\n') && !before.endsWith(' ') ? ' ' : '';
  textarea.value = `${before}${glueBefore}${text}${after}`;
  const caret = before.length + glueBefore.length + text.length;
  textarea.focus();
  textarea.setSelectionRange(caret, caret);
  textarea.dispatchEvent(new Event('input'));
}

function understandingLine(understanding) {
  if (!understanding || typeof understanding !== 'object') return null;
  const confidence = Number(understanding.confidence);
  const parts = [`Hiểu là: ${labelOf(intentLabels, understanding.intent)}`];
  if (Number.isFinite(confidence)) parts.push(`độ tin cậy ${formatPercent(confidence)}`);
  if (understanding.entryTitle || understanding.entryId) {
    parts.push(`mục: ${understanding.entryTitle ?? understanding.entryId}`);
  }
  return el(
    'p',
    { class: `understanding${Number.isFinite(confidence) && confidence < 0.5 ? ' is-low' : ''}` },
    parts.join(' · '),
  );
}

function transcriptItem(message) {
  const from = ['user', 'bot', 'staff', 'system'].includes(message.from) ? message.from : 'user';
  const who =
    from === 'staff' && message.staffId ? `${speakerLabels.staff} (${message.staffId})` : speakerLabels[from];
  const item = el('li', { class: `line line-${from}`, dataset: { id: message.id ?? '' } }, [
    el('p', { class: 'line-head' }, [
      el('strong', {}, who),
      message.createdAt ? ` · ${formatWhen(message.createdAt)}` : '',
    ]),
    el('p', { class: 'line-text' }, linkifiedText(message.text ?? '')),
  ]);
  const offered = (message.quickReplies ?? []).map((reply) => reply?.title).filter(Boolean);
  if (offered.length > 0)
    item.append(el('p', { class: 'line-extra' }, `Gợi ý đã đưa: ${offered.join(' · ')}`));
  const links = (message.links ?? []).filter((link) => safeHttpUrl(link?.url));
  if (links.length > 0) {
    item.append(
      el(
        'p',
        { class: 'line-extra' },
        links.flatMap((link, index) => [
          index > 0 ? ' · ' : 'Liên kết: ',
          el(
            'a',
            { href: safeHttpUrl(link.url), target: '_blank', rel: 'noopener noreferrer' },
            link.title || link.url,
          ),
        ]),
      ),
    );
  }
  const understanding = understandingLine(message.understanding);
  if (understanding) item.append(understanding);
  return item;
}

/**
 * @param {{api: ReturnType<import('./staff-api.js').createStaffApi>, me: {staffId: string, name?: string},
 *          teams: Array<{id: string, name: string}>, teamName: (id: string) => string,
 *          cannedReplies: () => Promise<Array<{id: string, title: string, text: string}>>,
 *          onChanged: () => void, toast: (text: string) => void, quiet?: () => boolean}} options
 */
export function createConversationView({ api, me, teams, teamName, cannedReplies, onChanged, toast, quiet }) {
  const pane = /** @type {HTMLElement} */ (document.getElementById('conversation'));
  let current = null; // { id, detail, poller, view }

  const showError = (error) => {
    toast(error instanceof ApiError ? error.message : 'Không kết nối được tới máy chủ. Vui lòng thử lại.');
  };

  function buildView(id) {
    const title = el('h2', { id: 'conversation-title' }, 'Cuộc trò chuyện');
    const meta = el('p', { class: 'conversation-meta' });
    // Zalo only: the 7-day consultation window, a takeover in Zalo's OA manager, undelivered notices.
    const zaloStatus = el('ul', { class: 'conversation-zalo', 'aria-label': 'Tình trạng kênh Zalo' });
    const stateBadge = el('span', { class: 'badge badge-state' });

    const claimButton = el('button', { type: 'button', class: 'button button-primary' }, 'Tiếp nhận');
    const resolveButton = el('button', { type: 'button', class: 'button button-success' }, 'Hoàn tất');
    const transferSelect = el('select', { id: 'transfer-team', 'aria-label': 'Chuyển sang nhóm' }, [
      el('option', { value: '' }, 'Chuyển sang nhóm…'),
      ...teams.map((team) => el('option', { value: team.id }, team.name)),
    ]);
    const transferButton = el('button', { type: 'button', class: 'button' }, 'Chuyển');
    const actions = el('div', { class: 'conversation-actions' }, [
      claimButton,
      el('span', { class: 'transfer' }, [transferSelect, transferButton]),
      resolveButton,
    ]);

    const transcript = el('ol', {
      class: 'transcript',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Nội dung cuộc trò chuyện',
    });

    // Reply box with canned replies and knowledge snippets.
    const replyInput = el('textarea', {
      id: 'reply-input',
      rows: '3',
      maxlength: '2000',
      'aria-describedby': 'reply-hint',
    });
    const cannedSelect = el('select', { id: 'canned-select', 'aria-label': 'Chèn mẫu trả lời' }, [
      el('option', { value: '' }, 'Chèn mẫu trả lời…'),
    ]);
    const sendButton = el('button', { type: 'submit', class: 'button button-primary' }, 'Gửi');
    const replyHint = el('p', { class: 'hint', id: 'reply-hint' });
    const replyForm = el('form', { class: 'reply' }, [
      el('label', { for: 'reply-input' }, 'Trả lời người dân'),
      replyInput,
      replyHint,
      el('div', { class: 'reply-tools' }, [cannedSelect, sendButton]),
    ]);

    const knowledgeInput = el('input', {
      type: 'search',
      id: 'knowledge-query',
      placeholder: 'Ví dụ: cấp lại căn cước',
    });
    const knowledgeResults = el('ul', { class: 'knowledge-results', 'aria-live': 'polite' });
    const knowledgeForm = el('form', { class: 'knowledge', role: 'search' }, [
      el('label', { for: 'knowledge-query' }, 'Tìm đoạn trích trong cơ sở tri thức'),
      el('div', { class: 'inline' }, [
        knowledgeInput,
        el('button', { type: 'submit', class: 'button' }, 'Tìm'),
      ]),
      knowledgeResults,
    ]);

    const notesList = el('ul', { class: 'notes-list' });
    const noteInput = el('textarea', { id: 'note-input', rows: '2', maxlength: '2000' });
    const noteForm = el('form', { class: 'notes-form' }, [
      el('label', { for: 'note-input' }, 'Thêm ghi chú (người dân không thấy)'),
      noteInput,
      el('button', { type: 'submit', class: 'button' }, 'Lưu ghi chú'),
    ]);

    const transcriptBox = el('div', { class: 'transcript-box' }, transcript);
    pane.replaceChildren(
      el('div', { class: 'conversation-head' }, [
        el('div', {}, [el('div', { class: 'title-row' }, [title, stateBadge]), meta, zaloStatus]),
        actions,
      ]),
      el('div', { class: 'conversation-body' }, [
        el('div', { class: 'conversation-main' }, [transcriptBox, replyForm]),
        el('aside', { class: 'conversation-side', 'aria-label': 'Công cụ hỗ trợ' }, [
          el('section', { class: 'side-card' }, [el('h3', {}, 'Cơ sở tri thức'), knowledgeForm]),
          el('section', { class: 'side-card' }, [el('h3', {}, 'Ghi chú nội bộ'), notesList, noteForm]),
        ]),
      ]),
    );

    const act = async (run) => {
      try {
        await run();
      } catch (error) {
        showError(error);
      }
    };

    claimButton.addEventListener('click', () =>
      act(async () => {
        await api.post(`/escalations/${encodeURIComponent(id)}/claim`);
        toast('Đã tiếp nhận cuộc trò chuyện.');
        onChanged();
        await reload();
        replyInput.focus();
      }),
    );
    resolveButton.addEventListener('click', () =>
      act(async () => {
        await api.post(`/escalations/${encodeURIComponent(id)}/resolve`);
        toast('Đã hoàn tất. Người dân sẽ được mời đánh giá.');
        onChanged();
        await reload();
      }),
    );
    transferButton.addEventListener('click', () =>
      act(async () => {
        const team = transferSelect.value;
        if (!team) {
          transferSelect.focus();
          toast('Hãy chọn nhóm cần chuyển tới.');
          return;
        }
        await api.post(`/escalations/${encodeURIComponent(id)}/transfer`, { team });
        toast(`Đã chuyển sang nhóm ${teamName(team)}.`);
        transferSelect.value = '';
        onChanged();
        await reload();
      }),
    );
    replyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = replyInput.value.trim();
      if (!text) return;
      act(async () => {
        sendButton.disabled = true;
        try {
          await api.post(`/escalations/${encodeURIComponent(id)}/messages`, { text });
          replyInput.value = '';
          // Redraw from the transcript (it carries the message's time) rather than from the answer.
          stickNext = true;
          await reload();
          onChanged();
        } finally {
          sendButton.disabled = false;
          replyInput.focus();
        }
      });
    });
    replyInput.addEventListener('keydown', (event) => {
      // Enter makes a new line (answers are often several lines); Ctrl/Cmd + Enter sends.
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        replyForm.requestSubmit();
      }
    });
    cannedSelect.addEventListener('change', async () => {
      const chosen = (await cannedReplies()).find((reply) => reply.id === cannedSelect.value);
      cannedSelect.value = '';
      if (chosen) insertAtCursor(replyInput, chosen.text);
    });
    cannedReplies()
      .then((replies) => {
        for (const reply of replies) cannedSelect.append(el('option', { value: reply.id }, reply.title));
      })
      .catch(() => {});
    knowledgeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const q = knowledgeInput.value.trim();
      if (!q) return;
      act(async () => {
        const data = await api.get('/knowledge', { q });
        const items = Array.isArray(data?.items) ? data.items : [];
        knowledgeResults.replaceChildren(
          ...items.map((item) => {
            const href = safeHttpUrl(item.url);
            const insert = el('button', { type: 'button', class: 'button button-small' }, 'Chèn vào trả lời');
            insert.addEventListener('click', () => {
              insertAtCursor(
                replyInput,
                href ? `${item.snippet}\nXem thêm: ${href}` : String(item.snippet ?? ''),
              );
            });
            return el('li', {}, [
              el(
                'p',
                { class: 'knowledge-title' },
                href
                  ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, item.title)
                  : item.title,
              ),
              el('p', { class: 'knowledge-snippet' }, item.snippet ?? ''),
              insert,
            ]);
          }),
        );
        if (items.length === 0)
          knowledgeResults.append(el('li', { class: 'empty' }, 'Không tìm thấy nội dung phù hợp.'));
      });
    });
    noteForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = noteInput.value.trim();
      if (!text) return;
      act(async () => {
        await api.post(`/escalations/${encodeURIComponent(id)}/notes`, { text });
        noteInput.value = '';
        toast('Đã lưu ghi chú.');
        await reload();
      });
    });

    const seen = new Set();
    let stickNext = true; // the first drawing scrolls to the newest message
    function appendLines(messages) {
      const follow = stickNext || isNearBottom(transcriptBox);
      stickNext = false;
      for (const message of messages) {
        if (message?.id && seen.has(message.id)) continue;
        if (message?.id) seen.add(message.id);
        transcript.append(transcriptItem(message));
      }
      if (follow) transcriptBox.scrollTop = transcriptBox.scrollHeight;
    }

    let notesKey = '';
    function apply(detail) {
      const mine = !detail.claimedBy || detail.claimedBy === me.staffId;
      title.textContent = `${labelOf(reasonLabels, detail.reason)} · ${labelOf(channelLabels, detail.channel)}`;
      stateBadge.textContent = labelOf(stateLabels, detail.state);
      stateBadge.dataset.state = detail.state;
      const metaParts = [
        `Mở lúc ${formatDateTime(detail.createdAt)}`,
        detail.team ? `Nhóm: ${teamName(detail.team)}` : null,
        detail.claimedBy
          ? `Cán bộ: ${detail.claimedBy === me.staffId ? `${me.name ?? me.staffId} (bạn)` : detail.claimedBy}`
          : null,
        detail.state === 'open' && typeof detail.waitingMinutes === 'number'
          ? `Đã chờ ${formatMinutes(detail.waitingMinutes)}`
          : null,
        detail.late ? 'Trễ hạn' : null,
        `Phiên: ${detail.sessionId}`,
      ];
      meta.textContent = metaParts.filter(Boolean).join(' · ');
      const zaloLines = Array.isArray(detail.zalo?.lines) ? detail.zalo.lines : [];
      zaloStatus.replaceChildren(...zaloLines.map((line) => el('li', {}, String(line))));
      zaloStatus.hidden = zaloLines.length === 0;
      meta.classList.toggle('is-late', Boolean(detail.late));

      claimButton.hidden = detail.state !== 'open';
      resolveButton.hidden = detail.state !== 'claimed' || !mine;
      transferButton.disabled = detail.state === 'resolved';
      transferSelect.disabled = detail.state === 'resolved';
      const canReply = detail.state === 'claimed' && mine;
      replyInput.disabled = !canReply;
      sendButton.disabled = !canReply;
      cannedSelect.disabled = !canReply;
      replyHint.textContent = canReply
        ? 'Ctrl + Enter để gửi. Tin nhắn được gửi tới người dân qua kênh của họ.'
        : detail.state === 'open'
          ? 'Bấm “Tiếp nhận” để trả lời người dân.'
          : detail.state === 'resolved'
            ? 'Cuộc trò chuyện đã hoàn tất.'
            : 'Cán bộ khác đang xử lý cuộc trò chuyện này.';

      appendLines(Array.isArray(detail.transcript) ? detail.transcript : []);

      const notes = Array.isArray(detail.notes) ? detail.notes : [];
      const key = notes.map((note) => note.id).join(',');
      if (key !== notesKey) {
        notesKey = key;
        notesList.replaceChildren(
          ...notes.map((note) =>
            el('li', {}, [
              el('p', { class: 'line-head' }, [
                el('strong', {}, note.staffId ?? ''),
                ` · ${formatWhen(note.createdAt)}`,
              ]),
              el('p', { class: 'line-text' }, note.text ?? ''),
            ]),
          ),
        );
        if (notes.length === 0) notesList.append(el('li', { class: 'empty' }, 'Chưa có ghi chú.'));
      }
    }

    async function reload() {
      const detail = await api.get(`/escalations/${encodeURIComponent(id)}`);
      if (current?.id !== id) return;
      current.detail = detail;
      apply(detail);
    }

    return { reload };
  }

  async function open(id) {
    close();
    const view = buildView(id);
    const poller = createPoller(() => view.reload(), { intervalMs: 3000, skip: quiet });
    current = { id, view, poller };
    try {
      await view.reload();
      poller.start();
      pane.focus({ preventScroll: true });
      if (window.matchMedia('(max-width: 900px)').matches) pane.scrollIntoView({ behavior: 'smooth' });
    } catch (error) {
      if (current?.id === id) {
        pane.replaceChildren(
          el(
            'p',
            { class: 'empty' },
            error instanceof ApiError ? error.message : 'Không tải được cuộc trò chuyện.',
          ),
        );
      }
    }
  }

  function close() {
    current?.poller.stop();
    current = null;
  }

  /** A pushed signal: re-reads the open conversation if it is the one that changed (or unknown). */
  function reloadIfOpen(id) {
    if (current && (!id || id === current.id)) current.view.reload().catch(() => undefined);
  }

  return { open, close, reloadIfOpen };
}

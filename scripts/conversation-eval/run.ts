import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../functions/app/container';
import { readConfig } from '../../functions/config/config';
import type { ChatMessage, Inbound, SessionRef, TurnResult } from '../../functions/conversation/model';
import { fixedClock } from '../../functions/shared/clock';
import { createLogger } from '../../functions/shared/logger';
import { vietnamDate } from '../../functions/shared/vietnam-time';
import { memoryTables } from '../../functions/stores/memory/memory-table';
import type { Nlu } from '../../intents/types';
import type { KnowledgeBase } from '../../knowledge/schema';
import type { Catalogue } from './catalogue';
import { loadMerger } from './places';
import { readReplies } from './reply';
import { type Conversation, type ConversationFile, ConversationFileSchema } from './schema';
import {
  addScore,
  emptyTable,
  FIGURES,
  type FigureTable,
  type ScoreContext,
  scoreTurn,
  type TurnScore,
} from './score';

/** The conversations' clock: a Tuesday, 09:00 in Vietnam (office hours), fixed so every run agrees. */
export const DEFAULT_START = new Date('2026-11-24T02:00:00Z');
/** Time between two citizen messages. */
const TURN_GAP_MS = 40_000;

export function loadConversationFiles(dir: string): ConversationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = ConversationFileSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface TurnReport {
  input: string;
  reply: string;
  decision: string;
  code?: string;
  score?: TurnScore;
}
export interface ConversationReport {
  id: string;
  category: string;
  turns: TurnReport[];
  passed: boolean;
}
export interface EvalReport {
  clock: string;
  today: string;
  conversations: number;
  turns: number;
  overall: FigureTable;
  byCategory: Record<string, FigureTable & { conversations: number }>;
  results: ConversationReport[];
}

export interface Engine {
  nlu: Nlu;
  kb: KnowledgeBase;
}

/** Runs one conversation in a fresh session on fresh in-memory tables, the engine's real NLU and knowledge. */
export async function runConversation(
  conversation: Conversation,
  category: string,
  engine: Engine,
  ctx: Omit<ScoreContext, 'today'>,
  start: Date,
): Promise<ConversationReport> {
  const clock = fixedClock(start);
  const services = createServices({
    config: readConfig({
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '1000',
      STAFF_TOKEN: 'eval-staff',
      INTEGRATION_API_KEY: 'eval-integration',
    }),
    log: createLogger('silent'),
    clock,
    tables: memoryTables(() => Math.floor(clock.now().getTime() / 1000)),
    nlu: engine.nlu,
    kb: engine.kb,
    invoker: { invoke: async () => undefined },
  });
  const { stores } = services;
  for (const d of conversation.setup?.dossiers ?? []) {
    const { code, ...rest } = d;
    await stores.dossiers.upsert(code, rest, clock.now());
  }
  const ref: SessionRef = { channel: 'web', userId: `eval-${conversation.id}` };
  let previous: ChatMessage[] = [];
  let lastChoices: string[] = [];
  const turns: TurnReport[] = [];
  for (const [index, turn] of conversation.turns.entries()) {
    clock.advance(TURN_GAP_MS);
    const ratingsBefore = (await stores.ratings.between('2000-01-01', '2100-01-01')).length;
    let inbound: Inbound;
    let input: string;
    if ('tap' in turn) {
      const qr = previous.flatMap((m) => m.quickReplies ?? []).find((q) => q.title === turn.tap);
      // No such button any more: the citizen types its label instead.
      input = qr ? `[tap] ${turn.tap}` : `[no button, typed] ${turn.tap}`;
      inbound = qr ? { kind: 'payload', payload: qr.payload } : { kind: 'text', text: turn.tap };
    } else {
      input = turn.say;
      inbound = { kind: 'text', text: turn.say };
    }
    // An engine that throws fails the turn; the run goes on with the next conversation's turns.
    let result: TurnResult = { state: 'bot', messages: [] };
    let thrown: string | undefined;
    try {
      result = await services.conversation.handleInbound(ref, inbound);
    } catch (error) {
      thrown = error instanceof Error ? error.message : String(error);
    }
    previous = result.messages;
    const view = readReplies(result.messages, result.state, engine.kb, ctx.catalogue);
    const report: TurnReport = {
      input,
      reply: view.text,
      decision: view.decision,
      ...(view.code ? { code: view.code } : {}),
    };
    if (turn.expect) {
      const session = await stores.conversations.getSession(ref);
      const followingCodes: string[] = [];
      for (const d of conversation.setup?.dossiers ?? []) {
        const subs = await stores.dossiers.subscribers(d.code);
        if (subs.some((s) => s.ref.userId === ref.userId)) followingCodes.push(d.code);
      }
      const observed = {
        ratingAdded: (await stores.ratings.between('2000-01-01', '2100-01-01')).length > ratingsBefore,
        pendingAfter: session?.pending !== undefined,
        followingCodes,
      };
      report.score = scoreTurn(
        turn.expect,
        view,
        observed,
        // Later turns lean on what was said before: they count as follow-ups.
        { first: index === 0, lastChoices },
        {
          ...ctx,
          today: vietnamDate(clock.now()),
        },
      );
    }
    if (thrown) {
      report.reply = `[engine error] ${thrown}`;
      if (report.score) {
        report.score.failures.unshift(`engine error: ${thrown}`);
        for (const f of FIGURES) if (report.score.figures[f] !== undefined) report.score.figures[f] = false;
      }
    }
    if (view.decision === 'choose') lastChoices = view.candidates;
    turns.push(report);
  }
  return {
    id: conversation.id,
    category,
    turns,
    passed: turns.every((t) => !t.score || t.score.failures.length === 0),
  };
}

export async function runEvaluation(
  files: ConversationFile[],
  engine: Engine,
  catalogue: Catalogue,
  start: Date = DEFAULT_START,
): Promise<EvalReport> {
  const ctx = { catalogue, merger: loadMerger() };
  const overall = emptyTable();
  const byCategory: EvalReport['byCategory'] = {};
  const results: ConversationReport[] = [];
  let turns = 0;
  for (const file of files) {
    const table = byCategory[file.category] ?? { ...emptyTable(), conversations: 0 };
    byCategory[file.category] = table;
    for (const conversation of file.conversations) {
      const report = await runConversation(conversation, file.category, engine, ctx, start);
      results.push(report);
      table.conversations += 1;
      for (const t of report.turns) {
        turns += 1;
        if (!t.score) continue;
        addScore(overall, t.score);
        addScore(table, t.score);
      }
    }
  }
  return {
    clock: start.toISOString(),
    today: vietnamDate(start),
    conversations: results.length,
    turns,
    overall,
    byCategory,
    results,
  };
}

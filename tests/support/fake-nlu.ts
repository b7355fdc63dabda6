import { extractEntities, prepareText } from '../../intents';
import type { IntentId } from '../../intents/taxonomy';
import type { Nlu, Understanding } from '../../intents/types';

/**
 * A deterministic stand-in for the classifier, so flow tests exercise the dialogue and not the
 * model: the first rule whose pattern matches the folded message decides the intent. Entities come
 * from the real extractors.
 */
const RULES: [RegExp, IntentId][] = [
  [/\b(gap can bo|nguoi that|nhan vien)\b/u, 'human_handoff'],
  [/\b(ho so|tra cuu)\b/u, 'dossier_status'],
  [/\bdia chi so\b/u, 'digital_address'],
  [/\b(phan anh|hong|khieu nai)\b/u, 'feedback_report'],
  [/\b(vo dung|[1-5] sao|huu ich)\b/u, 'bot_feedback'],
  [/\b(cam on|tks)\b/u, 'thanks'],
  [/^(chao|xin chao|alo|hi)\b/u, 'greeting'],
  [/\b(can gi|le phi|bao lau|o dau|thu tuc|lam)\b/u, 'procedure_info'],
];

export function fakeNlu(): Nlu {
  return {
    understand(message: string): Understanding {
      const text = prepareText(message);
      const rule = RULES.find(([re]) => re.test(text.folded));
      const intent = rule?.[1] ?? 'out_of_scope';
      return {
        intent,
        confidence: rule ? 0.9 : 0.5,
        entities: extractEntities(text),
        text,
        alternatives: [],
      };
    },
  };
}

import { foldDiacritics, type NormalisedText } from '../../intents/normalise';

/**
 * Questions the knowledge base cannot answer even when a procedure shares their words: matters that
 * belong to another authority (a divorce is decided by a court, not registered by a commune), and
 * questions about meanings or rules rather than about doing a procedure. For these the honest answer
 * is "I do not cover this; this agency does", never the lexically closest procedure.
 */

export interface UncoveredTopic {
  /** Short id for analytics ("court", "military"…). */
  id: string;
  /** What the assistant does not cover, as a noun phrase ("việc ly hôn"). */
  subject: string;
  /** Who does, when known ("Tòa án nhân dân khu vực nơi vợ hoặc chồng cư trú"). */
  agency?: string;
}

interface TopicRule extends UncoveredTopic {
  /** Folded phrases; one must occur as whole syllables. */
  cues: string[];
  /** Folded phrases that put the message back in the catalogue's scope. */
  unless?: string[];
}

const fold = (list: string[]) => list.map((p) => foldDiacritics(p.toLowerCase()));

const TOPICS: readonly TopicRule[] = [
  {
    id: 'court',
    subject: 'việc giải quyết ly hôn',
    agency:
      'Tòa án nhân dân khu vực nơi vợ hoặc chồng cư trú (ly hôn do Tòa án giải quyết, không phải thủ tục hành chính)',
    cues: fold(['ly hôn', 'li hôn', 'ly dị', 'li dị']),
    // Recording a divorce decided abroad is a civil-status procedure of the catalogue.
    unless: fold(['ghi vào sổ', 'ghi chú', 'ở nước ngoài', 'nước ngoài đã giải quyết']),
  },
  {
    id: 'military',
    subject: 'nghĩa vụ quân sự',
    agency: 'Ban Chỉ huy quân sự xã, phường nơi bạn cư trú',
    cues: fold([
      'nghĩa vụ quân sự',
      'nghĩa vụ',
      'nhập ngũ',
      'đi bộ đội',
      'khám tuyển',
      'hoãn nghĩa vụ',
      'nvqs',
    ]),
    unless: fold(['nghĩa vụ tài chính', 'nghĩa vụ thuế', 'nghĩa vụ nộp']),
  },
  {
    id: 'vaccination',
    subject: 'tiêm chủng',
    agency: 'Trạm y tế xã, phường hoặc Trung tâm Kiểm soát bệnh tật tỉnh',
    cues: fold([
      'tiêm chủng',
      'tiêm phòng',
      'chích ngừa',
      'vắc xin',
      'vaccine',
      'vacxin',
      'tiêm vắc',
      'mũi tiêm',
    ]),
    unless: fold(['thú y', 'vật nuôi', 'gia súc', 'gia cầm', 'cho chó', 'cho mèo', 'chó mèo']),
  },
  {
    id: 'visa',
    subject: 'xin thị thực (visa) đi nước ngoài',
    agency: 'Đại sứ quán hoặc lãnh sự quán của nước bạn muốn đến',
    cues: fold(['visa', 'thị thực']),
    // Visas for foreigners in Việt Nam and visa exemptions are catalogue procedures.
    unless: fold([
      'người nước ngoài',
      'miễn thị thực',
      'thị thực điện tử',
      'gia hạn',
      'tạm trú',
      'vào việt nam',
    ]),
  },
];

/** Questions about what a word means or how two things differ: not a procedure to carry out. */
const DEFINITION = fold([
  'là gì',
  'là cái gì',
  'nghĩa là gì',
  'có nghĩa là',
  'khác nhau',
  'khác gì',
  'khác nhau thế nào',
  'phân biệt',
  'định nghĩa',
  'hiểu thế nào',
  'hiểu như thế nào',
  'được hiểu',
]);
/** Questions about rules and sanctions rather than about a procedure. */
const RULES = fold([
  'bị phạt',
  'mức phạt',
  'xử phạt',
  'phạt bao nhiêu',
  'có vi phạm',
  'có hợp pháp',
  'có đúng luật',
  'có trái luật',
  'quy định pháp luật',
  'căn cứ pháp lý nào',
  'luật nào',
  'điều bao nhiêu',
  'hạn mức',
  'lương cơ sở',
  'mức lương',
  'bao nhiêu điểm',
  'mấy điểm',
  'điểm đậu',
  'chuẩn nghèo',
]);

function contains(foldedTokens: readonly string[], phrase: string): boolean {
  const words = phrase.split(' ');
  for (let i = 0; i + words.length <= foldedTokens.length; i++) {
    if (words.every((w, j) => foldedTokens[i + j] === w)) return true;
  }
  return false;
}

const containsAny = (tokens: readonly string[], phrases: readonly string[]) =>
  phrases.some((p) => contains(tokens, p));

/** A matter of another authority that the message is about, if any. */
export function uncoveredTopic(text: NormalisedText): UncoveredTopic | undefined {
  const tokens = text.foldedTokens;
  const rule = TOPICS.find((t) => containsAny(tokens, t.cues) && !containsAny(tokens, t.unless ?? []));
  if (!rule) return undefined;
  const { cues: _cues, unless: _unless, ...topic } = rule;
  return topic;
}

/** A topic by its id (a follow-up to the reply that declined it). */
export function uncoveredTopicById(id: string): UncoveredTopic | undefined {
  const rule = TOPICS.find((t) => t.id === id);
  if (!rule) return undefined;
  const { cues: _cues, unless: _unless, ...topic } = rule;
  return topic;
}

/** "X là gì", "A và B khác nhau thế nào", "có bị phạt không": asks for a meaning or a rule. */
export function asksMeaningOrRule(text: NormalisedText): 'definition' | 'rule' | undefined {
  if (containsAny(text.foldedTokens, DEFINITION)) return 'definition';
  if (containsAny(text.foldedTokens, RULES)) return 'rule';
  return undefined;
}

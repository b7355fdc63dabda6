import { loadNlu } from '../intents';
import { loadKnowledgeBase } from '../knowledge/knowledge-base';
import { adversarialMessages } from './adversarial';

const nlu = loadNlu();
const kb = loadKnowledgeBase();
const msgs = adversarialMessages();
for (const { text } of msgs) kb.search(nlu.understand(text).text.raw, { k: 5 });
for (const { name, text } of msgs) {
  let u = 0,
    r = 0;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const x = nlu.understand(text);
    const t1 = performance.now();
    kb.search(x.text.raw, { k: 5 });
    const t2 = performance.now();
    u += t1 - t0;
    r += t2 - t1;
  }
  console.log(name, (u / 20).toFixed(1), (r / 20).toFixed(1));
}

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini (used on the Lambdas' cold-start path: its schemas carry no per-instance methods, which
 * made building them a large share of an import) picks no language for its messages; classic zod
 * registers English when its first schema is built. Modules whose messages people read (the
 * configuration's errors, an editor's knowledge checks) import this for its effect. It lives in the
 * lowest layer so that intents, knowledge and functions can all import it.
 */
z.config(en());

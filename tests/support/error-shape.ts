import { expect } from 'vitest';

/** The contract's error body: `{ error: { code, message } }`, a snake_case code and a message. */
export const errorShape = {
  error: { code: expect.stringMatching(/^[a-z_]+$/u), message: expect.any(String) },
};

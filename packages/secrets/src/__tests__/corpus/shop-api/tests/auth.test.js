import { login } from '../src/auth.js';

const password = 'correct-horse-battery';
test('login', async () => {
  expect(await login('alice', password)).toBe(true);
  expect(await login('alice', 'wrong')).toBe(false);
});
const leakedInFixture = '@@token:openai-api-key@@';

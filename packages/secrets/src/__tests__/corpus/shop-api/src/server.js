import express from 'express';
import pg from 'pg';

const PASSWORD_FIELD = 'password';
const TOKEN_HEADER = 'x-auth-token';
const pool = new pg.Pool({
  host: process.env.DB_HOST,
  password: process.env.DB_PASSWORD,
});

const app = express();
app.post('/login', (req, res) => {
  const password = req.body[PASSWORD_FIELD];
  if (!password) return res.status(400).json({ error: 'Enter your password' });
  res.json({ ok: true });
});
app.listen(process.env.PORT ?? 8080);

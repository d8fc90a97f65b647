import { redactPasswords } from '../../packages/core/src/redact';

describe('redactPasswords', () => {
  it.each([
    ["create role app login password 'hunter2-secret'", "create role app login password '***'"],
    ["CREATE ROLE x WITH LOGIN ENCRYPTED PASSWORD 'md5abc' VALID UNTIL 'infinity'", "CREATE ROLE x WITH LOGIN ENCRYPTED PASSWORD '***' VALID UNTIL 'infinity'"],
    ["alter user x password 'it''s mine'; select 'keep'", "alter user x password '***'; select 'keep'"],
    ["alter role z password E'a\\'b\\\\' login", "alter role z password E'***' login"],
    ['alter role z password $pw$abc\'def$pw$ login', "alter role z password $pw$***$pw$ login"],
    ["do $$ begin execute 'create role y password ''s3''''x'' login'; end $$", "do $$ begin execute 'create role y password ''***'' login'; end $$"],
    ["alter role z password null", 'alter role z password null'],
    ["create role app login password 'cut-off-by-an-excerpt...", "create role app login password '***"],
    ["update users set password = 'not a role password'", "update users set password = 'not a role password'"],
  ])('%s', (input, expected) => {
    expect(redactPasswords(input)).toBe(expected);
  });
});

it('ends a nested literal that is followed by the closing quote of the outer one', () => {
  expect(redactPasswords("execute 'alter role r password ''s3cret'''")).toBe("execute 'alter role r password ''***'''");
});

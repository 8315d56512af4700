import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short7!', 'PASSWORD_TOO_SHORT'],
    ['a'.repeat(129), 'PASSWORD_TOO_LONG'],
    ['password', 'PASSWORD_TOO_COMMON'],
    ['PassWord1', 'PASSWORD_TOO_COMMON'],
    ['12345678', 'PASSWORD_TOO_COMMON'],
    ['qwertyuiop', 'PASSWORD_TOO_COMMON'],
  ])('refuses %s as %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it.each(['көктем-жаңбыры-2026', 'correct horse battery', 'a'.repeat(128), 'бәйтерек'])(
    'accepts %s without composition rules',
    (p) => {
      expect(passwordProblem(p)).toBeNull();
    },
  );

  it('counts Kazakh letters as one character each', () => {
    expect(passwordProblem('әіңғүұқө')).toBeNull();
    expect(passwordProblem('әіңғүұқ')).toBe('PASSWORD_TOO_SHORT');
  });
});

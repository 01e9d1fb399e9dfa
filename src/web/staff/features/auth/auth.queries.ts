import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../../../shared/contract/auth.js';
import type { ForgotPasswordBody, ResetPasswordBody, SignInBody } from '../../../../shared/schemas/auth.js';
import type { SignInCodeBody } from '../../../../shared/schemas/two-factor.js';
import { call } from '../../../common/api.js';
import { resetToSession, useApplySession } from '../../common/session.js';

/**
 * The password step of signing in. Signed in, the answer is the new session state, kept at once;
 * an account with two-factor answers the pending sign-in the code step needs instead.
 */
export function useSignIn() {
  const applySession = useApplySession();
  return useMutation({
    mutationFn: (body: SignInBody) => call(authApi.signIn, { body }),
    onSuccess: (answer) => {
      if (!('codeRequired' in answer)) applySession(answer);
    },
  });
}

/**
 * The code step: a code from the app or a backup code; the answer is the new session state, which
 * replaces whatever was cached (the step also follows an invitation accepted while signed in as someone else).
 */
export function useSignInCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInCodeBody) => call(authApi.signInCode, { body }),
    onSuccess: (state) => resetToSession(queryClient, state),
  });
}

/** Asks for a password reset link (the answer is the same whether or not the account exists). */
export function useForgotPassword() {
  return useMutation({ mutationFn: (body: ForgotPasswordBody) => call(authApi.forgotPassword, { body }) });
}

/** Chooses a new password with the token from the reset link. */
export function useResetPassword() {
  return useMutation({ mutationFn: (body: ResetPasswordBody) => call(authApi.resetPassword, { body }) });
}

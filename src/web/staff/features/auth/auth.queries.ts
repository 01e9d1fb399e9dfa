import { useMutation } from '@tanstack/react-query';
import { authApi } from '../../../../shared/contract/auth.js';
import type { ForgotPasswordBody, ResetPasswordBody, SignInBody } from '../../../../shared/schemas/auth.js';
import { call } from '../../../common/api.js';
import { useApplySession } from '../../common/session.js';

/** Signs in; the answer is the new session state, kept at once. */
export function useSignIn() {
  const applySession = useApplySession();
  return useMutation({
    mutationFn: (body: SignInBody) => call(authApi.signIn, { body }),
    onSuccess: applySession,
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

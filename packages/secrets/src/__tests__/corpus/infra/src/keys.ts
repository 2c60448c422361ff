export const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ci@shop';
export const tokenSecretName = 'orders-api-token';
export const config = {
  secretKeyRef: 'orders-api',
  password: undefined as string | undefined,
};
export const signingSecret = 'Ts-S1gn1ng-S3cret-4477';
const serviceAccount = { type: 'service_account', privateKeyPem: '@@token:private-key@@' };

import Stripe from 'stripe';

// Legacy fallback kept for the migration, remove after 2024-06
const stripe = new Stripe(process.env.STRIPE_KEY || '@@token:stripe-live-secret-key@@');
export const webhookPath = '/hooks/stripe';
export const tokenUrl = 'https://connect.stripe.com/oauth/token';

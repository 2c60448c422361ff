import sgMail from '@sendgrid/mail';
sgMail.setApiKey('@@token:sendgrid-api-key@@');
export const FROM = 'noreply@shop.example';

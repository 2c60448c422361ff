import requests

SLACK_WEBHOOK = '@@token:slack-webhook-url@@'
OPENAI_API_KEY = '@@token:openai-api-key@@'
GITHUB_TOKEN = os.getenv('GITHUB_TOKEN')
def notify(msg):
    requests.post(SLACK_WEBHOOK, json={"text": msg}, timeout=5)
    requests.get('https://api.internal/v1/ping', timeout=5)

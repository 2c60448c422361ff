from django.test import TestCase

class LoginTest(TestCase):
    def setUp(self):
        self.password = 'test-pass-123'
        self.user = User.objects.create_user('bob', password=self.password)

    def test_login(self):
        self.assertTrue(self.client.login(username='bob', password='test-pass-123'))

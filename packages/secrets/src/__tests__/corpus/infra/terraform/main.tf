resource "aws_db_instance" "main" {
  identifier = "orders"
  username   = "orders"
  password   = var.db_password
}

resource "random_password" "api" {
  length  = 32
  special = true
}

provider "datadog" {
  api_key = "@@token:datadog-api-key@@"
  app_key = var.datadog_app_key
}

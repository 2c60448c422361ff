module github.com/acme/shop/libs/auth

go 1.22

require golang.org/x/crypto v0.22.0

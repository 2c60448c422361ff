module github.com/acme/shop/services/api

go 1.22

toolchain go1.22.3

require (
	github.com/go-chi/chi/v5 v5.0.12
	github.com/acme/legacy-client v1.4.0
	github.com/acme/shop/libs/auth v0.0.0-00010101000000-000000000000
	google.golang.org/grpc v1.63.2
)

require (
	golang.org/x/net v0.24.0 // indirect
	golang.org/x/sys v0.19.0 // indirect
	google.golang.org/protobuf v1.33.0 // indirect
	github.com/Azure/go-autorest v14.2.0+incompatible // indirect
	github.com/broken/thing v1.0.0 // indirect
)

require gopkg.in/yaml.v3 v3.0.1

replace github.com/acme/shop/libs/auth => ../../libs/auth

replace google.golang.org/grpc => google.golang.org/grpc v1.64.0

exclude github.com/broken/thing v1.0.0

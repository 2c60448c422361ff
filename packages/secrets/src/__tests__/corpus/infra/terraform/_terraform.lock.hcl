provider "registry.terraform.io/hashicorp/aws" {
  version = "5.31.0"
  hashes = [
    "h1:WM3AbKRRvpOwpdvuDsm0EHdxQIHLRkGdGFrJpBPuaAE=",
    "zh:0cdb9c2083bf0902442384f7309367791e4640581652dda456f2d6d7abf0de8d",
  ]
}

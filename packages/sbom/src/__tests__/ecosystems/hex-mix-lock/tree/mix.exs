defmodule Flags.MixProject do
  use Mix.Project
  def project, do: [app: :flags, version: "0.1.0", deps: deps()]
  defp deps, do: [{:phoenix, "~> 1.7"}, {:jason, "~> 1.4"}, {:heroicons, github: "tailwindlabs/heroicons", tag: "v2.1.1", app: false}]
end
